using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ChangeThisFile.Client.AspNetCore.Internal;

/// <summary>
/// Writes the small JSON responses of the webhook endpoint. Problem responses follow RFC 9457
/// (<c>application/problem+json</c>) and carry only fixed text, never the request's content.
/// </summary>
internal static class WebhookResponses
{
    public static Task WriteProblemAsync(
        HttpContext context, int statusCode, string title, string detail, TimeSpan? retryAfter = null)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/problem+json";
        if (retryAfter is { } delay)
        {
            response.Headers[HeaderNames.RetryAfter] =
                ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(response, writer =>
        {
            writer.WriteString("title", title);
            writer.WriteNumber("status", statusCode);
            writer.WriteString("detail", detail);
        });
    }

    public static Task WriteAcknowledgementAsync(HttpContext context, int statusCode, bool duplicate = false)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        return WriteJsonAsync(response, writer =>
        {
            writer.WriteBoolean("received", true);
            if (duplicate)
            {
                writer.WriteBoolean("duplicate", true);
            }

            if (statusCode == StatusCodes.Status202Accepted)
            {
                writer.WriteBoolean("queued", true);
            }
        });
    }

    private static async Task WriteJsonAsync(HttpResponse response, Action<Utf8JsonWriter> writeProperties)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length)).ConfigureAwait(false);
    }
}
