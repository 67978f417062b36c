using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChangeThisFile.Emulator.Api;
using ChangeThisFile.Emulator.Http;

namespace ChangeThisFile.Emulator.Endpoints;

/// <summary>Reads small JSON request bodies with a size limit and clear errors.</summary>
internal static class JsonBody
{
    /// <summary>The largest JSON request body accepted, in bytes.</summary>
    public const int MaxBytes = 64 * 1024;

    /// <exception cref="ApiException">400 when the body is missing, too large or not the expected
    /// JSON object.</exception>
    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        using var buffer = new MemoryStream();
        try
        {
            await LimitedCopy.CopyAsync(request.Body, buffer, MaxBytes, null, request.HttpContext.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (SizeLimitExceededException)
        {
            throw ApiErrors.BadRequest(
                string.Create(CultureInfo.InvariantCulture, $"The JSON body is larger than {MaxBytes} bytes."));
        }

        try
        {
            return buffer.Length == 0
                ? throw ApiErrors.BadRequest("The request needs a JSON object body.")
                : JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), typeInfo)
                    ?? throw ApiErrors.BadRequest("The request needs a JSON object body, not null.");
        }
        catch (JsonException ex)
        {
            throw ApiErrors.BadRequest("The request body is not the expected JSON object: " + ex.Message);
        }
    }
}
