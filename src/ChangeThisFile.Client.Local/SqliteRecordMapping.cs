using System.Globalization;
using System.Text.Json;
using ChangeThisFile.Client.Storage;
using Microsoft.Data.Sqlite;

namespace ChangeThisFile.Client.Local;

/// <summary>Maps records and events to and from SQLite rows. Timestamps are ISO 8601 round-trip text.</summary>
internal static class SqliteRecordMapping
{
    public static void Bind(SqliteCommand command, ConversionRecord record)
    {
        var p = command.Parameters;
        p.AddWithValue("$file_id", record.FileId);
        p.AddWithValue("$target", record.Target);
        p.AddWithValue("$original_file_name", (object?)record.OriginalFileName ?? DBNull.Value);
        p.AddWithValue("$content_type", (object?)record.ContentType ?? DBNull.Value);
        p.AddWithValue("$status", record.Status.Value);
        p.AddWithValue("$job_id", (object?)record.JobId ?? DBNull.Value);
        p.AddWithValue("$input_key", record.InputKey);
        p.AddWithValue("$output_key", (object?)record.OutputKey ?? DBNull.Value);
        p.AddWithValue("$output_size", (object?)record.OutputSize ?? DBNull.Value);
        p.AddWithValue("$error_code", (object?)record.ErrorCode ?? DBNull.Value);
        p.AddWithValue("$error_message", (object?)record.ErrorMessage ?? DBNull.Value);
        p.AddWithValue("$metadata", SerializeMetadata(record.Metadata));
        p.AddWithValue("$created_at", Format(record.CreatedAt));
        p.AddWithValue("$updated_at", Format(record.UpdatedAt));
    }

    public static void Bind(SqliteCommand command, UnmatchedEvent unmatchedEvent)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", unmatchedEvent.Id);
        p.AddWithValue("$event_type", unmatchedEvent.EventType);
        p.AddWithValue("$job_id", (object?)unmatchedEvent.JobId ?? DBNull.Value);
        p.AddWithValue("$file_id", (object?)unmatchedEvent.FileId ?? DBNull.Value);
        p.AddWithValue("$received_at", Format(unmatchedEvent.ReceivedAt));
        p.AddWithValue("$ticks", unmatchedEvent.ReceivedAt.UtcTicks);
        p.AddWithValue("$payload", unmatchedEvent.Payload);
        p.AddWithValue("$reason", (object?)unmatchedEvent.Reason ?? DBNull.Value);
    }

    /// <summary>Reads a row selected with <see cref="SqliteSchema.RecordColumns"/>.</summary>
    public static ConversionRecord ReadRecord(SqliteDataReader reader) => new()
    {
        FileId = reader.GetString(0),
        Target = reader.GetString(1),
        OriginalFileName = NullableString(reader, 2),
        ContentType = NullableString(reader, 3),
        Status = new RecordStatus(reader.GetString(4)),
        JobId = NullableString(reader, 5),
        InputKey = reader.GetString(6),
        OutputKey = NullableString(reader, 7),
        OutputSize = reader.IsDBNull(8) ? null : reader.GetInt64(8),
        ErrorCode = NullableString(reader, 9),
        ErrorMessage = NullableString(reader, 10),
        Metadata = DeserializeMetadata(reader.GetString(11)),
        CreatedAt = Parse(reader.GetString(12)),
        UpdatedAt = Parse(reader.GetString(13)),
        Version = reader.GetInt64(14).ToString(CultureInfo.InvariantCulture),
    };

    public static UnmatchedEvent ReadEvent(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        NullableString(reader, 2),
        NullableString(reader, 3),
        Parse(reader.GetString(4)),
        reader.GetString(5),
        NullableString(reader, 6));

    /// <summary>Returns the record as now stored, with a private metadata copy and the new version.</summary>
    public static ConversionRecord Normalize(ConversionRecord record, long version) => record with
    {
        Metadata = new Dictionary<string, string>(record.Metadata, StringComparer.Ordinal),
        Version = version.ToString(CultureInfo.InvariantCulture),
    };

    public static string SerializeMetadata(IReadOnlyDictionary<string, string> metadata) =>
        JsonSerializer.Serialize(
            new Dictionary<string, string>(
                metadata, StringComparer.Ordinal), LocalJsonContext.Default.DictionaryStringString);

    public static Dictionary<string, string> DeserializeMetadata(string json) =>
        new(
            JsonSerializer.Deserialize(json, LocalJsonContext.Default.DictionaryStringString) ?? [],
            StringComparer.Ordinal);

    private static string Format(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) =>
        DateTimeOffset.ParseExact(value, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
