using System.Collections.Concurrent;
using System.Globalization;
using ChangeThisFile.Client.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Local;

/// <summary>
/// An <see cref="IConversionRecordStore"/> in a SQLite database file (WAL mode), with an integer
/// version column for optimistic concurrency, an index on the job id and a table of unmatched events.
/// The schema is created on first use; every write is committed before the call returns, so the
/// records survive a process restart.
/// </summary>
public sealed partial class SqliteConversionRecordStore : IConversionRecordStore, IDisposable
{
    private readonly string _connectionString;
    private readonly int _commandTimeoutSeconds;
    private readonly ILogger _logger;
    // One writer at a time per database file in this process. A second SQLite writer gets
    // SQLITE_BUSY and sleeps before it retries, so queueing here keeps each wait short.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates =
        new(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);

    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate;
    private volatile bool _schemaReady;

    /// <summary>Initializes the store; the database is opened on first use.</summary>
    /// <param name="options">The settings; checked like at start-up.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <exception cref="OptionsValidationException">A setting is missing or invalid.</exception>
    public SqliteConversionRecordStore(
        SqliteConversionRecordStoreOptions options, ILogger<SqliteConversionRecordStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new SqliteConversionRecordStoreOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(
                string.Empty, typeof(SqliteConversionRecordStoreOptions), result.Failures);
        }

        var path = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _writeGate = WriteGates.GetOrAdd(path, static _ => new SemaphoreSlim(1, 1));
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds),
        }.ToString();
        _commandTimeoutSeconds = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<ConversionRecord> CreateAsync(
        ConversionRecord record, CancellationToken cancellationToken = default)
    {
        ConversionRecordValidator.Validate(record);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, $"""
                INSERT INTO conversion_records ({SqliteSchema.RecordColumns})
                VALUES ($file_id, $target, $original_file_name, $content_type, $status, $job_id, $input_key,
                        $output_key, $output_size, $error_code, $error_message, $metadata, $created_at,
                        $updated_at, 1)
                ON CONFLICT (file_id) DO NOTHING
                """);
            SqliteRecordMapping.Bind(command, record);
            if (await WriteAsync(command, cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new RecordConflictException(
                    record.FileId, $"A record for file id '{record.FileId}' already exists.");
            }
        }

        Log.Created(_logger, record.FileId);
        return SqliteRecordMapping.Normalize(record, 1);
    }

    /// <inheritdoc />
    public Task<ConversionRecord?> GetAsync(string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileId);
        return RecordKey.IsValid(fileId)
            ? QuerySingleAsync("file_id = $id", fileId, cancellationToken)
            : NotFound(cancellationToken);
    }

    /// <inheritdoc />
    public Task<ConversionRecord?> FindByJobIdAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return RecordKey.IsValid(jobId)
            ? QuerySingleAsync("job_id = $id", jobId, cancellationToken)
            : NotFound(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<ConversionRecord> UpdateAsync(
        ConversionRecord record, CancellationToken cancellationToken = default)
    {
        var version = ConversionRecordValidator.ValidateForUpdate(record);
        if (!long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            throw Conflict(record.FileId, $"the version '{version}' was not issued by this store");
        }

        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, """
                UPDATE conversion_records SET
                    target = $target, original_file_name = $original_file_name, content_type = $content_type,
                    status = $status, job_id = $job_id, input_key = $input_key, output_key = $output_key,
                    output_size = $output_size, error_code = $error_code, error_message = $error_message,
                    metadata = $metadata, created_at = $created_at, updated_at = $updated_at,
                    version = version + 1
                WHERE file_id = $file_id AND version = $expected
                """);
            SqliteRecordMapping.Bind(command, record);
            command.Parameters.AddWithValue("$expected", expected);
            if (await WriteAsync(command, cancellationToken).ConfigureAwait(false) == 0)
            {
                Log.Conflict(_logger, record.FileId, expected);
                throw Conflict(record.FileId, $"it no longer exists or changed since version {expected}");
            }
        }

        return SqliteRecordMapping.Normalize(record, expected + 1);
    }

    /// <inheritdoc />
    public async Task AddUnmatchedEventAsync(
        UnmatchedEvent unmatchedEvent, CancellationToken cancellationToken = default)
    {
        UnmatchedEventValidator.Validate(unmatchedEvent);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, """
                INSERT INTO unmatched_events
                    (id, event_type, job_id, file_id, received_at, received_at_ticks, payload, reason)
                VALUES ($id, $event_type, $job_id, $file_id, $received_at, $ticks, $payload, $reason)
                ON CONFLICT (id) DO NOTHING
                """);
            SqliteRecordMapping.Bind(command, unmatchedEvent);
            await WriteAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UnmatchedEvent>> ListUnmatchedEventsAsync(
        int limit = 100, CancellationToken cancellationToken = default)
    {
        UnmatchedEventValidator.ValidateLimit(limit);
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(connection, """
                SELECT id, event_type, job_id, file_id, received_at, payload, reason FROM unmatched_events
                ORDER BY received_at_ticks DESC, id LIMIT $limit
                """);
            command.Parameters.AddWithValue("$limit", limit);
            var events = new List<UnmatchedEvent>();
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    events.Add(SqliteRecordMapping.ReadEvent(reader));
                }
            }

            return events;
        }
    }

    private async Task<ConversionRecord?> QuerySingleAsync(string where, string id, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = Command(
                connection, $"SELECT {SqliteSchema.RecordColumns} FROM conversion_records WHERE {where} LIMIT 1");
            command.Parameters.AddWithValue("$id", id);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
                    ? SqliteRecordMapping.ReadRecord(reader)
                    : null;
            }
        }
    }

    /// <summary>Closes the pooled connections to the database file.</summary>
    public void Dispose()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _schemaGate.Dispose();
    }

    private static Task<ConversionRecord?> NotFound(CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<ConversionRecord?>(cancellationToken)
            : Task.FromResult<ConversionRecord?>(null);

    private async Task<int> WriteAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            if (!_schemaReady)
            {
                await EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await _schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_schemaReady)
            {
                using var command = Command(connection, SqliteSchema.Create);
                await WriteAsync(command, cancellationToken).ConfigureAwait(false);
                if (await SqliteSchema.UpgradeAsync(connection, _commandTimeoutSeconds, cancellationToken)
                    .ConfigureAwait(false))
                {
                    Log.ReasonColumnAdded(_logger, connection.DataSource);
                }

                _schemaReady = true;
                Log.SchemaReady(_logger, connection.DataSource, SqliteSchema.Version);
            }
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    private SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = _commandTimeoutSeconds;
        return command;
    }

    private static RecordConflictException Conflict(string fileId, string reason) =>
        new(fileId, $"The record for file id '{fileId}' was not updated because {reason}. " +
            "Read it again and reapply the change.");

    private static partial class Log
    {
        [LoggerMessage(
            20, LogLevel.Information, "SQLite record store ready at {DataSource} (schema version {Version})")]
        public static partial void SchemaReady(ILogger logger, string dataSource, int version);

        [LoggerMessage(21, LogLevel.Debug, "Created the record for file {FileId}")]
        public static partial void Created(ILogger logger, string fileId);

        [LoggerMessage(22, LogLevel.Debug, "Update of file {FileId} at version {Version} lost to another writer")]
        public static partial void Conflict(ILogger logger, string fileId, long version);

        [LoggerMessage(
            23, LogLevel.Information, "Added the reason column to unmatched_events in {DataSource}")]
        public static partial void ReasonColumnAdded(ILogger logger, string dataSource);
    }
}
