namespace ChangeThisFile.Client.Local;

/// <summary>
/// The SQLite schema, created on first use. <c>PRAGMA user_version</c> records the schema version so
/// that a later release can migrate an existing file.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 1;

    public const string Create = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS conversion_records (
            file_id            TEXT    NOT NULL PRIMARY KEY,
            target             TEXT    NOT NULL,
            original_file_name TEXT,
            content_type       TEXT,
            status             TEXT    NOT NULL,
            job_id             TEXT,
            input_key          TEXT    NOT NULL,
            output_key         TEXT,
            output_size        INTEGER,
            error_code         TEXT,
            error_message      TEXT,
            metadata           TEXT    NOT NULL,
            created_at         TEXT    NOT NULL,
            updated_at         TEXT    NOT NULL,
            version            INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_conversion_records_job_id ON conversion_records (job_id);
        CREATE TABLE IF NOT EXISTS unmatched_events (
            id                TEXT    NOT NULL PRIMARY KEY,
            event_type        TEXT    NOT NULL,
            job_id            TEXT,
            file_id           TEXT,
            received_at       TEXT    NOT NULL,
            received_at_ticks INTEGER NOT NULL,
            payload           TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_unmatched_events_received ON unmatched_events (received_at_ticks DESC, id);
        PRAGMA user_version = 1;
        """;

    public const string RecordColumns =
        "file_id, target, original_file_name, content_type, status, job_id, input_key, output_key, " +
        "output_size, error_code, error_message, metadata, created_at, updated_at, version";
}
