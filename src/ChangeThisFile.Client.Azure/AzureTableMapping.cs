using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using ChangeThisFile.Client.Storage;

namespace ChangeThisFile.Client.Azure;

/// <summary>
/// Maps records and events to <see cref="TableEntity"/> values (no reflection). Layout:
/// a record has <c>PartitionKey = "file_" + id</c> and <c>RowKey = "record"</c>; a job pointer
/// <c>"job_" + jobId</c> and <c>"job"</c>; an unmatched event <c>"unmatched"</c> and an inverted
/// receive time, so the natural ascending order lists the newest first.
/// </summary>
internal static class AzureTableMapping
{
    public const string RecordRow = "record";
    public const string JobRow = "job";
    public const string UnmatchedPartition = "unmatched";

    // A string property stores at most 32 K UTF-16 characters, so longer values span numbered properties.
    private const int ChunkChars = 30_000;
    private const int MaxChunks = 15;

    public static string RecordPartition(string fileId) => "file_" + EscapeKey(fileId);

    public static string JobPartition(string jobId) => "job_" + EscapeKey(jobId);

    /// <summary>Escapes the characters Table Storage forbids in keys ('/', '\', '#', '?') and '%' itself.</summary>
    public static string EscapeKey(string id)
    {
        var builder = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            builder.Append(c is '/' or '\\' or '#' or '?' or '%' ? $"%{(int)c:X2}" : c.ToString());
        }

        return builder.ToString();
    }

    public static TableEntity ToEntity(ConversionRecord record)
    {
        var entity = new TableEntity(RecordPartition(record.FileId), RecordRow)
        {
            ["FileId"] = record.FileId,
            ["Target"] = record.Target,
            ["Status"] = record.Status.Value,
            ["InputKey"] = record.InputKey,
            ["CreatedAt"] = Format(record.CreatedAt),
            ["UpdatedAt"] = Format(record.UpdatedAt),
            ["OriginalFileName"] = record.OriginalFileName,
            ["ContentType"] = record.ContentType,
            ["JobId"] = record.JobId,
            ["OutputKey"] = record.OutputKey,
            ["OutputSize"] = record.OutputSize,
            ["ErrorCode"] = record.ErrorCode,
        };
        SetLong(entity, "ErrorMessage", record.ErrorMessage);
        SetLong(entity, "Metadata", JsonSerializer.Serialize(
            new Dictionary<string, string>(
                record.Metadata, StringComparer.Ordinal), AzureJsonContext.Default.DictionaryStringString));
        return entity;
    }

    public static ConversionRecord ToRecord(TableEntity entity) => new()
    {
        FileId = entity.GetString("FileId"),
        Target = entity.GetString("Target"),
        Status = new RecordStatus(entity.GetString("Status")),
        InputKey = entity.GetString("InputKey"),
        CreatedAt = Parse(entity.GetString("CreatedAt")),
        UpdatedAt = Parse(entity.GetString("UpdatedAt")),
        OriginalFileName = entity.GetString("OriginalFileName"),
        ContentType = entity.GetString("ContentType"),
        JobId = entity.GetString("JobId"),
        OutputKey = entity.GetString("OutputKey"),
        OutputSize = entity.GetInt64("OutputSize"),
        ErrorCode = entity.GetString("ErrorCode"),
        ErrorMessage = GetLong(entity, "ErrorMessage"),
        Metadata = new Dictionary<string, string>(
            JsonSerializer.Deserialize(
                GetLong(entity, "Metadata") ?? "{}", AzureJsonContext.Default.DictionaryStringString) ?? [],
            StringComparer.Ordinal),
        Version = entity.ETag.ToString(),
    };

    public static TableEntity ToEntity(UnmatchedEvent unmatchedEvent)
    {
        var inverted = DateTimeOffset.MaxValue.UtcTicks - unmatchedEvent.ReceivedAt.UtcTicks;
        var entity = new TableEntity(UnmatchedPartition, $"{inverted:D19}_{EscapeKey(unmatchedEvent.Id)}")
        {
            ["EventId"] = unmatchedEvent.Id,
            ["EventType"] = unmatchedEvent.EventType,
            ["JobId"] = unmatchedEvent.JobId,
            ["FileId"] = unmatchedEvent.FileId,
            ["ReceivedAt"] = Format(unmatchedEvent.ReceivedAt),
            ["Reason"] = unmatchedEvent.Reason,
        };
        SetLong(entity, "Payload", unmatchedEvent.Payload);
        return entity;
    }

    public static UnmatchedEvent ToEvent(TableEntity entity) => new(
        entity.GetString("EventId"),
        entity.GetString("EventType") ?? string.Empty,
        entity.GetString("JobId"),
        entity.GetString("FileId"),
        Parse(entity.GetString("ReceivedAt")),
        GetLong(entity, "Payload") ?? string.Empty,
        entity.GetString("Reason"));

    // NOTE: text past MaxChunks * ChunkChars (450,000 characters) is cut; webhook bodies are a few kilobytes.
    private static void SetLong(TableEntity entity, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        var position = 0;
        var index = 0;
        do
        {
            var end = Math.Min(value.Length, position + ChunkChars);
            if (end < value.Length && char.IsHighSurrogate(value[end - 1]))
            {
                end--;
            }

            entity[index == 0 ? name : $"{name}{index}"] = value[position..end];
            position = end;
            index++;
        }
        while (position < value.Length && index < MaxChunks);

        entity[name + "Chunks"] = index;
    }

    private static string? GetLong(TableEntity entity, string name)
    {
        if (entity.GetString(name) is not { } first)
        {
            return null;
        }

        var chunks = entity.GetInt32(name + "Chunks") ?? 1;
        var builder = new StringBuilder(first);
        for (var i = 1; i < chunks; i++)
        {
            builder.Append(entity.GetString($"{name}{i}"));
        }

        return builder.ToString();
    }

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) =>
        DateTimeOffset.ParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
