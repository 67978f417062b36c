using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ChangeThisFile.Samples.Functions.Http;

/// <summary>JSON responses written with source-generated metadata.</summary>
public static class JsonResults
{
    /// <summary>The media type of every response.</summary>
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>Returns a JSON response that caches must not keep, because bodies carry SAS URLs.</summary>
    /// <typeparam name="T">The body type.</typeparam>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="value">The body.</param>
    /// <param name="typeInfo">The body's source-generated metadata.</param>
    /// <returns>The result.</returns>
    public static IActionResult Json<T>(int statusCode, T value, JsonTypeInfo<T> typeInfo) =>
        new NoStoreContentResult
        {
            StatusCode = statusCode,
            ContentType = ContentType,
            Content = JsonSerializer.Serialize(value, typeInfo),
        };

    /// <summary>Returns an error response in the API's envelope.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="code">A stable snake_case code.</param>
    /// <param name="message">What went wrong and what to do.</param>
    /// <returns>The result.</returns>
    public static IActionResult Error(int statusCode, string code, string message) =>
        Json(statusCode, new ErrorResponse(new ErrorDetail(code, message)), FunctionsJsonContext.Default.ErrorResponse);

    /// <summary>Writes an error response straight to <paramref name="response"/>, for middleware.</summary>
    /// <param name="response">The response, not started yet.</param>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="code">A stable snake_case code.</param>
    /// <param name="message">What went wrong and what to do.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the body is written.</returns>
    public static async Task WriteErrorAsync(
        HttpResponse response, int statusCode, string code, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = statusCode;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(
            response.Body,
            new ErrorResponse(new ErrorDetail(code, message)),
            FunctionsJsonContext.Default.ErrorResponse,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A content result that also sends <c>Cache-Control: no-store</c>.</summary>
    private sealed class NoStoreContentResult : ContentResult
    {
        public override Task ExecuteResultAsync(ActionContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return base.ExecuteResultAsync(context);
        }
    }
}
