using System.Globalization;
using System.Text.Json;

namespace ChangeThisFile.Client.Aws;

/// <summary>One object event from an S3 event notification, with its key decoded.</summary>
/// <param name="EventName">The event, such as <c>ObjectCreated:Put</c>.</param>
/// <param name="BucketName">The bucket.</param>
/// <param name="Key">The object key exactly as stored (decoded from the notification's URL encoding).</param>
/// <param name="Size">The object size in bytes, when the event carries it.</param>
/// <param name="EventTime">When S3 recorded the event, when present.</param>
public sealed record S3ObjectEvent(
    string EventName, string BucketName, string Key, long? Size, DateTimeOffset? EventTime);

/// <summary>
/// Reads S3 event notifications (the JSON that S3 sends to Lambda, SQS or SNS) without the Lambda event
/// packages and without reflection.
/// </summary>
/// <remarks>
/// S3 writes object keys in these notifications URL-encoded in the form style: a space arrives as
/// <c>+</c>, a literal plus as <c>%2B</c>, and non-ASCII characters as percent-encoded UTF-8. Using the
/// key as received makes every key with a space or a special character look missing.
/// </remarks>
public static class S3EventNotification
{
    /// <summary>Decodes an object key from an S3 event notification.</summary>
    /// <param name="encodedKey">The key as it appears in <c>Records[].s3.object.key</c>.</param>
    /// <returns>The key as stored, such as <c>uploads/My File [1].pdf</c> for
    /// <c>uploads/My+File+%5B1%5D.pdf</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="encodedKey"/> is null.</exception>
    public static string DecodeKey(string encodedKey)
    {
        ArgumentNullException.ThrowIfNull(encodedKey);
        return Uri.UnescapeDataString(encodedKey.Replace('+', ' '));
    }

    /// <summary>Reads the object events of a notification.</summary>
    /// <param name="utf8Json">The notification body.</param>
    /// <returns>
    /// One entry per record that names a bucket and a key; empty for the <c>s3:TestEvent</c> that S3 sends
    /// when notifications are configured.
    /// </returns>
    /// <exception cref="FormatException">The body is not JSON, or not an object.</exception>
    public static IReadOnlyList<S3ObjectEvent> Parse(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The S3 event notification is not valid JSON: {e.Message}", e);
        }
    }

    /// <summary>Reads the object events of a notification given as text.</summary>
    /// <param name="json">The notification body.</param>
    /// <returns>One entry per record that names a bucket and a key.</returns>
    /// <exception cref="FormatException">The body is not JSON, or not an object.</exception>
    public static IReadOnlyList<S3ObjectEvent> Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(System.Text.Encoding.UTF8.GetBytes(json));
    }

    private static List<S3ObjectEvent> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"The S3 event notification is a JSON {root.ValueKind}, not an object.");
        }

        var events = new List<S3ObjectEvent>();
        if (!root.TryGetProperty("Records", out var records) || records.ValueKind != JsonValueKind.Array)
        {
            return events;
        }

        foreach (var record in records.EnumerateArray())
        {
            if (TryRead(record) is { } objectEvent)
            {
                events.Add(objectEvent);
            }
        }

        return events;
    }

    private static S3ObjectEvent? TryRead(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object ||
            String(Property(Property(Property(record, "s3"), "bucket"), "name")) is not { } bucket ||
            Property(Property(record, "s3"), "object") is not { } objectElement ||
            String(Property(objectElement, "key")) is not { } key)
        {
            return null;
        }

        long? size = Property(objectElement, "size") is { ValueKind: JsonValueKind.Number } sizeElement &&
            sizeElement.TryGetInt64(out var parsedSize) ? parsedSize : null;
        DateTimeOffset? time = DateTimeOffset.TryParse(
            String(Property(record, "eventTime")), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal,
            out var parsedTime) ? parsedTime : null;
        return new S3ObjectEvent(
            String(Property(record, "eventName")) ?? string.Empty, bucket, DecodeKey(key), size, time);
    }

    private static JsonElement? Property(JsonElement? element, string name) =>
        element is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty(name, out var property)
            ? property
            : null;

    private static string? String(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
