using Microsoft.Data.Sqlite;

namespace ChangeThisFile.Client.Local;

/// <summary>
/// The SQLite schema, created on first use. <c>PRAGMA user_version</c> records the schema version so
/// that a later release can migrate an existing file.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>
    /// The schema version. Version 1 created the tables, and version 2 added
    /// <c>unmatched_events.reason</c>.
    /// </summary>
    public const int Version = 2;

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
            payload           TEXT    NOT NULL,
            reason            TEXT
        );
        CREATE INDEX IF NOT EXISTS ix_unmatched_events_received ON unmatched_events (received_at_ticks DESC, id);
        """;

    public const string RecordColumns =
        "file_id, target, original_file_name, content_type, status, job_id, input_key, output_key, " +
        "output_size, error_code, error_message, metadata, created_at, updated_at, version";

    /// <summary>
    /// Adds the columns that a file created by an earlier schema lacks and sets
    /// <c>user_version</c> to <see cref="Version"/>. Returns whether a column was added.
    /// </summary>
    /// <remarks>
    /// The check reads the table's columns instead of <c>user_version</c>, because a process running
    /// the version 1 schema still sets <c>user_version = 1</c> when it opens a file that already has
    /// the column. The check and the change run in one <c>BEGIN IMMEDIATE</c> transaction, so two
    /// processes opening the same file at once add the column once.
    /// </remarks>
    public static async Task<bool> UpgradeAsync(
        SqliteConnection connection, int commandTimeoutSeconds, CancellationToken cancellationToken)
    {
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken)
            .ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var reasonColumns = await ScalarAsync(
                    "SELECT count(*) FROM pragma_table_info('unmatched_events') WHERE name = 'reason'")
                .ConfigureAwait(false);
            var missing = reasonColumns is 0L;
            if (missing)
            {
                await ScalarAsync("ALTER TABLE unmatched_events ADD COLUMN reason TEXT").ConfigureAwait(false);
            }

            await ScalarAsync($"PRAGMA user_version = {Version}").ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return missing;
        }

        async Task<object?> ScalarAsync(string sql)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            command.CommandTimeout = commandTimeoutSeconds;
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
