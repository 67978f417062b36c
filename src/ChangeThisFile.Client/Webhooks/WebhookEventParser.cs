using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Unicode;

namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// Maps a webhook body to <see cref="ConversionWebhookEvent"/>. Fields are read one by one and
/// leniently: a field of an unexpected kind is left empty instead of failing the whole event,
/// because the body has already been verified and dropping it would lose a real event.
/// </summary>
internal static class WebhookEventParser
{
    /// <summary>The deepest nesting accepted in a body.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    public static bool TryParse(
        ReadOnlyMemory<byte> body, out ConversionWebhookEvent? webhookEvent, out string? error)
    {
        webhookEvent = null;
        var json = body.Span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body[3..] : body;
        if (!Utf8.IsValid(json.Span))
        {
            error = "The webhook body is not valid UTF-8.";
            return false;
        }

        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            root = document.RootElement.Clone();
        }
        catch (JsonException exception)
        {
            error = $"The webhook body is not valid JSON (line {exception.LineNumber + 1}, " +
                $"byte {exception.BytePositionInLine + 1}).";
            return false;
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"The webhook body is a JSON {root.ValueKind}, not an object.";
            return false;
        }

        webhookEvent = Map(root, body);
        error = null;
        return true;
    }

    /// <summary>Returns a string as is, a number or boolean as its JSON text, otherwise null.</summary>
    public static string? ReadText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => ReadString(element),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => null,
    };

    /// <summary>
    /// Returns a JSON string's value. An escaped lone surrogate (such as <c>\ud800</c>) has no
    /// UTF-16 form and makes <see cref="JsonElement.GetString"/> throw, so such a string is kept
    /// as its escaped JSON text instead.
    /// </summary>
    private static string ReadString(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return element.GetRawText()[1..^1];
        }
    }

    /// <summary>Returns the properties of an object whose names decode to UTF-16; others are skipped.</summary>
    private static IEnumerable<(string Name, JsonElement Value)> ReadableProperties(JsonElement element)
    {
        foreach (var property in element.EnumerateObject())
        {
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                continue;
            }

            yield return (name, property.Value);
        }
    }

    private static ConversionWebhookEvent Map(JsonElement root, ReadOnlyMemory<byte> body)
    {
        var isEnvelope = root.TryGetProperty("event", out var eventName);
        var container = isEnvelope ? Child(root, "data") : root;
        var result = Child(container, "result");
        var status = NormalizeStatus(ReadText(container, "status") ?? ReadText(container, "state"));
        var type = isEnvelope ? new WebhookEventType(ReadText(eventName)) : LegacyType(status);
        if (status.Value.Length == 0)
        {
            status = type == WebhookEventType.JobCompleted ? JobStatus.Completed
                : type == WebhookEventType.JobFailed ? JobStatus.Failed
                : status;
        }

        var jobId = ReadText(container, "job_id");
        return new ConversionWebhookEvent(
            root, body, isEnvelope ? WebhookPayloadForm.Envelope : WebhookPayloadForm.Legacy)
        {
            Type = type,
            JobId = jobId,
            Status = status,
            ResultUrl = ReadText(result, "file_url") ?? ReadText(container, "download_url"),
            ResultSize = ReadInt64(result, "size"),
            Duration = ReadDuration(result, "duration_ms"),
            SourceFormat = ReadText(result, "source_format") ?? ReadText(container, "source_format"),
            TargetFormat = ReadText(result, "target_format") ?? ReadText(container, "target_format"),
            Error = ReadError(container),
            Metadata = ReadMetadata(container, root),
            DeduplicationKey = DeduplicationKey(type, jobId, body.Span),
        };
    }

    private static JsonElement Child(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object
            && parent.TryGetProperty(name, out var child)
            && child.ValueKind == JsonValueKind.Object
            ? child
            : default;

    private static string? ReadText(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value)
            ? ReadText(value)
            : null;

    private static long? ReadInt64(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object
            && parent.TryGetProperty(name, out var value)
            && value.ValueKind == JsonValueKind.Number
            && value.TryGetInt64(out var number)
            ? number
            : null;

    private static TimeSpan? ReadDuration(JsonElement parent, string name) =>
        ReadInt64(parent, name) is { } milliseconds
            && milliseconds >= 0
            && milliseconds <= TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond
            ? TimeSpan.FromTicks(milliseconds * TimeSpan.TicksPerMillisecond)
            : null;

    private static JobStatus NormalizeStatus(string? value) =>
        string.Equals(value, "done", StringComparison.OrdinalIgnoreCase) ? JobStatus.Completed : new JobStatus(value);

    private static WebhookEventType LegacyType(JobStatus status) =>
        status == JobStatus.Completed ? WebhookEventType.JobCompleted
        : status == JobStatus.Failed ? WebhookEventType.JobFailed
        : default;

    private static ConversionError? ReadError(JsonElement container)
    {
        if (container.ValueKind != JsonValueKind.Object || !container.TryGetProperty("error", out var error))
        {
            return null;
        }

        return error.ValueKind switch
        {
            JsonValueKind.Object => ReadErrorObject(error),
            JsonValueKind.String or JsonValueKind.Number => new ConversionError { Message = ReadText(error) },
            _ => null,
        };
    }

    /// <summary>
    /// Maps an error object field by field, so a field of an unexpected kind (such as a numeric
    /// message) is kept as text instead of failing the event.
    /// </summary>
    private static ConversionError ReadErrorObject(JsonElement error)
    {
        var additional = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, value) in ReadableProperties(error))
        {
            if (name is not ("code" or "message" or "details"))
            {
                additional[name] = value;
            }
        }

        return new ConversionError
        {
            Code = new ConversionErrorCode(ReadText(error, "code")),
            Message = ReadText(error, "message"),
            Details = error.TryGetProperty("details", out var details) && details.ValueKind != JsonValueKind.Null
                ? details
                : null,
            AdditionalProperties = additional.Count > 0 ? additional : null,
        };
    }

    private static Dictionary<string, JsonElement> ReadMetadata(JsonElement container, JsonElement root)
    {
        var metadata = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (!TryGetMetadataElement(container, out var element) && !TryGetMetadataElement(root, out element))
        {
            return metadata;
        }

        if (element.ValueKind == JsonValueKind.String && !TryUnpackObject(ReadString(element), out element))
        {
            return metadata;
        }

        foreach (var (name, value) in ReadableProperties(element))
        {
            // A repeated key keeps its last value instead of throwing.
            metadata[name] = value;
        }

        return metadata;
    }

    private static bool TryGetMetadataElement(JsonElement parent, out JsonElement metadata)
    {
        metadata = default;
        return parent.ValueKind == JsonValueKind.Object
            && parent.TryGetProperty("metadata", out metadata)
            && metadata.ValueKind is JsonValueKind.Object or JsonValueKind.String;
    }

    /// <summary>Unpacks metadata sent as a string holding a JSON object, as the job request carries it.</summary>
    private static bool TryUnpackObject(string text, out JsonElement element)
    {
        element = default;
        try
        {
            using var document = JsonDocument.Parse(text, DocumentOptions);
            element = document.RootElement.Clone();
            return element.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string? DeduplicationKey(WebhookEventType type, string? jobId, ReadOnlySpan<byte> body)
    {
        if (type == WebhookEventType.WebhookTest)
        {
            return null;
        }

        if (!string.IsNullOrEmpty(jobId))
        {
            return $"{type.Value}|job:{jobId}";
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, digest);
        return $"{type.Value}|body:{WebhookHex.EncodeLowercase(digest)}";
    }
}
