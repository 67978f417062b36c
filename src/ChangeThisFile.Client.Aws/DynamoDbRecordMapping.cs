using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;
using ChangeThisFile.Client.Storage;

namespace ChangeThisFile.Client.Aws;

/// <summary>Maps records and events to DynamoDB items. Timestamps are ISO 8601 round-trip strings.</summary>
internal static class DynamoDbRecordMapping
{
    public const string RecordSortKey = "record";
    public const string JobSortKey = "job";
    public const string UnmatchedPartition = "unmatched";

    /// <summary>The longest payload kept, in UTF-8 bytes, so an event item stays under the 400 KB item limit.</summary>
    public const int MaxPayloadBytes = 350_000;

    public static Dictionary<string, AttributeValue> RecordKey(string fileId) => Key("file#" + fileId, RecordSortKey);

    public static Dictionary<string, AttributeValue> JobKey(string jobId) => Key("job#" + jobId, JobSortKey);

    public static Dictionary<string, AttributeValue> ToItem(ConversionRecord record, long version)
    {
        var item = RecordKey(record.FileId);
        item["fileId"] = S(record.FileId);
        item["target"] = S(record.Target);
        item["status"] = S(record.Status.Value);
        item["inputKey"] = S(record.InputKey);
        item["metadata"] = new AttributeValue { M = record.Metadata.ToDictionary(p => p.Key, p => S(p.Value)) };
        item["createdAt"] = S(Format(record.CreatedAt));
        item["updatedAt"] = S(Format(record.UpdatedAt));
        item["version"] = N(version);
        AddOptional(item, "originalFileName", record.OriginalFileName);
        AddOptional(item, "contentType", record.ContentType);
        AddOptional(item, "jobId", record.JobId);
        AddOptional(item, "outputKey", record.OutputKey);
        AddOptional(item, "errorCode", record.ErrorCode);
        AddOptional(item, "errorMessage", record.ErrorMessage);
        if (record.OutputSize is { } size)
        {
            item["outputSize"] = N(size);
        }

        return item;
    }

    public static ConversionRecord ToRecord(Dictionary<string, AttributeValue> item) => new()
    {
        FileId = item["fileId"].S,
        Target = item["target"].S,
        Status = new RecordStatus(item["status"].S),
        InputKey = item["inputKey"].S,
        Metadata = item.TryGetValue("metadata", out var metadata) && metadata.M is { } map
            ? map.ToDictionary(p => p.Key, p => p.Value.S ?? string.Empty, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal),
        CreatedAt = Parse(item["createdAt"].S),
        UpdatedAt = Parse(item["updatedAt"].S),
        Version = item["version"].N,
        OriginalFileName = Optional(item, "originalFileName"),
        ContentType = Optional(item, "contentType"),
        JobId = Optional(item, "jobId"),
        OutputKey = Optional(item, "outputKey"),
        ErrorCode = Optional(item, "errorCode"),
        ErrorMessage = Optional(item, "errorMessage"),
        OutputSize = item.TryGetValue("outputSize", out var size) && size.N is { } n
            ? long.Parse(n, CultureInfo.InvariantCulture)
            : null,
    };

    public static Dictionary<string, AttributeValue> ToItem(UnmatchedEvent unmatchedEvent)
    {
        var item = Key(UnmatchedPartition, $"{unmatchedEvent.ReceivedAt.UtcTicks:D19}#{unmatchedEvent.Id}");
        item["id"] = S(unmatchedEvent.Id);
        item["eventType"] = S(unmatchedEvent.EventType);
        item["receivedAt"] = S(Format(unmatchedEvent.ReceivedAt));
        item["payload"] = S(Truncate(unmatchedEvent.Payload));
        AddOptional(item, "jobId", unmatchedEvent.JobId);
        AddOptional(item, "fileId", unmatchedEvent.FileId);
        AddOptional(item, "reason", unmatchedEvent.Reason);
        return item;
    }

    public static UnmatchedEvent ToEvent(Dictionary<string, AttributeValue> item) => new(
        item["id"].S,
        item["eventType"].S ?? string.Empty,
        Optional(item, "jobId"),
        Optional(item, "fileId"),
        Parse(item["receivedAt"].S),
        item["payload"].S ?? string.Empty,
        Optional(item, "reason"));

    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static Dictionary<string, AttributeValue> Key(string partition, string sort) => new(StringComparer.Ordinal)
    {
        [DynamoDbTable.PartitionKey] = S(partition),
        [DynamoDbTable.SortKey] = S(sort),
    };

    private static void AddOptional(Dictionary<string, AttributeValue> item, string name, string? value)
    {
        if (value is not null)
        {
            item[name] = S(value);
        }
    }

    private static string? Optional(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S ?? string.Empty : null;

    // NOTE: a longer payload is cut to the longest prefix that fits; webhook bodies are a few kilobytes.
    private static string Truncate(string payload)
    {
        if (Encoding.UTF8.GetByteCount(payload) <= MaxPayloadBytes)
        {
            return payload;
        }

        // The encoder converts only whole characters (surrogate pairs included) that fit the buffer.
        Encoding.UTF8.GetEncoder().Convert(
            payload.AsSpan(), new byte[MaxPayloadBytes], flush: true, out var charsUsed, out _, out _);
        return payload[..charsUsed];
    }

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) =>
        DateTimeOffset.ParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
