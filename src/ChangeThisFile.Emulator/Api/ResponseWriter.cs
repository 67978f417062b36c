using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChangeThisFile.Emulator.Api;

/// <summary>Writes JSON bodies and error envelopes.</summary>
internal static class ResponseWriter
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static async Task WriteJsonAsync<T>(HttpContext context, int statusCode, T value, JsonTypeInfo<T> typeInfo)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteErrorAsync(HttpContext context, ApiException error)
    {
        if (error.RetryAfterSeconds is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        if (error.StatusCode == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        var envelope = new ErrorEnvelope(new ErrorBody(error.Code, error.Message, error.Details));
        return WriteJsonAsync(context, error.StatusCode, envelope, EmulatorJson.Context.ErrorEnvelope);
    }
}
