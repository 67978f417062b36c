using System.Globalization;
using System.Text;
using System.Text.Json;
using ChangeThisFile.Client.Diagnostics;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client.Http;

/// <summary>Builds a <see cref="ConversionApiException"/> from an unsuccessful response.</summary>
internal static class ApiErrors
{
    private const int MaxExcerptCharacters = 1024;

    /// <summary>
    /// Reads at most 64 KiB of the body and parses the API's error envelope. A body that is not
    /// JSON (a gateway page) or is empty still yields an exception with a clear message. Secrets
    /// echoed by the server are removed from every text the exception carries.
    /// </summary>
    public static async Task<ConversionApiException> CreateAsync(
        HttpResponseMessage response, TimeProvider timeProvider, string? apiKey, CancellationToken cancellationToken)
    {
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        var error = Redact(TryParseError(body), apiKey);
        var retryAfter = ResponseHeaders.GetRetryAfter(response, timeProvider) ?? RetryAfterFromDetails(error);
        string? excerpt = null;
        if (error is null && body.Length > 0)
        {
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, MaxExcerptCharacters * 4));
            var cut = text.Length > MaxExcerptCharacters ? text[..MaxExcerptCharacters] : text;
            excerpt = SecretRedaction.Redact(cut, apiKey);
        }

        var request = response.RequestMessage;
        var endpoint = request is null ? null : $"{request.Method} {UrlRedaction.Redact(request.RequestUri)}";
        return new ConversionApiException(
            response.StatusCode,
            error,
            ResponseHeaders.GetRequestId(response),
            retryAfter,
            ResponseHeaders.GetRateLimit(response, timeProvider),
            endpoint,
            excerpt,
            response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[ResponseBuffer.MaxErrorBodyBytes];
                var total = 0;
                while (total < buffer.Length)
                {
                    var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    total += read;
                }

                return buffer[..total];
            }
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException)
        {
            // The status code alone still makes a useful error when the body cannot be read.
            return [];
        }
    }

    private static ConversionError? TryParseError(byte[] body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("error", out var error))
            {
                return error.ValueKind switch
                {
                    JsonValueKind.Object => error.Deserialize(ConversionClientJsonContext.Default.ConversionError),
                    JsonValueKind.String => new ConversionError { Message = error.GetString() },
                    _ => null,
                };
            }

            return root.TryGetProperty("code", out _) || root.TryGetProperty("message", out _)
                ? root.Deserialize(ConversionClientJsonContext.Default.ConversionError)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static ConversionError? Redact(ConversionError? error, string? apiKey)
    {
        if (error?.Message is not { } message)
        {
            return error;
        }

        var redacted = SecretRedaction.Redact(message, apiKey);
        return ReferenceEquals(redacted, message) ? error : new ConversionError
        {
            Code = error.Code,
            Message = redacted,
            Details = error.Details,
            AdditionalProperties = error.AdditionalProperties,
        };
    }

    private static TimeSpan? RetryAfterFromDetails(ConversionError? error)
    {
        if (error?.Details is not { ValueKind: JsonValueKind.Object } details
            || !details.TryGetProperty("retry_after", out var value))
        {
            return null;
        }

        double? seconds = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetDouble(out var number) => number,
            JsonValueKind.String when double.TryParse(
                value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => number,
            _ => null,
        };
        return seconds is >= 0 and < 1e9 ? TimeSpan.FromSeconds(seconds.Value) : null;
    }
}
