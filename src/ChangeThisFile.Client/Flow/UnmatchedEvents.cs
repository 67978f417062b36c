using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChangeThisFile.Client.Diagnostics;
using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.Flow;

/// <summary>Builds the <see cref="UnmatchedEvent"/> kept for an event the flow could not apply.</summary>
internal static class UnmatchedEvents
{
    private const int MaxEventTypeLength = 100;
    private const string IdPrefix = "evt_";
    private const string UnreadablePayload = "{\"payload_unreadable\":true}";

    // Properties whose string values are signed URLs; only their scheme, host and path are kept.
    private static readonly HashSet<string> UrlProperties =
        new(["file_url", "download_url", "result_url", "url"], StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Creates the event. Its id is derived from the body, so every delivery of the same event is
    /// kept once. The payload is the body without the query strings of result URLs, because they
    /// grant access to the result. The reason is stored with control characters escaped and cut
    /// to <see cref="UnmatchedEventValidator.MaxReasonLength"/>. The caller removes the query
    /// string of any URL in the reason first.
    /// </summary>
    public static UnmatchedEvent Create(
        ConversionWebhookEvent webhookEvent,
        string? jobId,
        string? fileId,
        string reason,
        DateTimeOffset receivedAt)
    {
        var hash = SHA256.HashData(webhookEvent.RawBody.Span);
        var eventType = webhookEvent.Type.Value;
        return new UnmatchedEvent(
            IdPrefix + Convert.ToHexString(hash.AsSpan(0, 20)).ToLowerInvariant(),
            eventType.Length > MaxEventTypeLength ? eventType[..MaxEventTypeLength] : eventType,
            jobId,
            fileId,
            receivedAt,
            RedactPayload(webhookEvent.Payload),
            FlowText.Limit(reason, UnmatchedEventValidator.MaxReasonLength));
    }

    /// <summary>Returns the JSON with every URL-valued property reduced to scheme, host and path.</summary>
    public static string RedactPayload(JsonElement payload)
    {
        using var buffer = new MemoryStream();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                Write(writer, payload, isUrl: false);
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            // A name or string with an escaped lone surrogate has no UTF-16 form and cannot be rewritten.
            return UnreadablePayload;
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element, bool isUrl)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value, UrlProperties.Contains(property.Name));
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item, isUrl: false);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.String when isUrl:
                writer.WriteStringValue(RedactUrl(element));
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }

    private static string RedactUrl(JsonElement element)
    {
        string? text;
        try
        {
            text = element.GetString();
        }
        catch (InvalidOperationException)
        {
            text = null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var url) ? UrlRedaction.Redact(url) : "(redacted)";
    }
}
