using Azure;
using Azure.Data.Tables;
using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static ChangeThisFile.Client.Azure.AzureTableMapping;

namespace ChangeThisFile.Client.Azure;

/// <summary>
/// An <see cref="IConversionRecordStore"/> on Azure Table Storage with ETag concurrency: the record's
/// version is its ETag, and an update sends it in <c>If-Match</c>. Entities are <see cref="TableEntity"/>
/// dictionaries, so nothing is mapped by reflection. A job id is found through a pointer entity, which is
/// written before the record that carries the job id and checked against that record on lookup.
/// </summary>
public sealed partial class AzureTableConversionRecordStore : IConversionRecordStore
{
    private const int MaxPageSize = 1000;

    private readonly TableClient _table;
    private readonly bool _createTable;
    private readonly ILogger _logger;
    private volatile bool _tableReady;

    /// <summary>Initializes the store with a client built from the connection string in the options.</summary>
    /// <param name="options">The settings; checked like at start-up.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <exception cref="OptionsValidationException">A setting is missing or invalid.</exception>
    public AzureTableConversionRecordStore(
        AzureTableRecordStoreOptions options, ILogger<AzureTableConversionRecordStore>? logger = null)
        : this(new TableServiceClient(Checked(options).ConnectionString), options, logger)
    {
    }

    /// <summary>Initializes the store with a client the application built.</summary>
    /// <param name="client">The service client.</param>
    /// <param name="options">The settings; the connection string is not used.</param>
    /// <param name="logger">The logger; none when null.</param>
    public AzureTableConversionRecordStore(
        TableServiceClient client,
        AzureTableRecordStoreOptions options,
        ILogger<AzureTableConversionRecordStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _table = client.GetTableClient(options.TableName);
        _createTable = options.CreateTableIfMissing;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<ConversionRecord> CreateAsync(
        ConversionRecord record, CancellationToken cancellationToken = default)
    {
        ConversionRecordValidator.Validate(record);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        if (record.JobId is not null)
        {
            await PutJobPointerAsync(record.JobId, record.FileId, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var response = await _table.AddEntityAsync(ToEntity(record), cancellationToken).ConfigureAwait(false);
            return Normalize(record, response.Headers.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            throw new RecordConflictException(
                record.FileId, $"A record for file id '{record.FileId}' already exists.", e);
        }
    }

    /// <inheritdoc />
    public async Task<ConversionRecord?> GetAsync(string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!RecordKey.IsValid(fileId))
        {
            return null;
        }

        var entity = await GetEntityAsync(RecordPartition(fileId), RecordRow, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : ToRecord(entity);
    }

    /// <inheritdoc />
    public async Task<ConversionRecord?> FindByJobIdAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!RecordKey.IsValid(jobId))
        {
            return null;
        }

        var pointer = await GetEntityAsync(JobPartition(jobId), JobRow, cancellationToken).ConfigureAwait(false);
        if (pointer?.GetString("FileId") is not { } fileId)
        {
            return null;
        }

        // A pointer outlives a lost update or a replaced job id; only the record's own job id counts.
        var record = await GetAsync(fileId, cancellationToken).ConfigureAwait(false);
        return record?.JobId == jobId ? record : null;
    }

    /// <inheritdoc />
    public async Task<ConversionRecord> UpdateAsync(
        ConversionRecord record, CancellationToken cancellationToken = default)
    {
        var version = ConversionRecordValidator.ValidateForUpdate(record);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        if (record.JobId is not null)
        {
            await PutJobPointerAsync(record.JobId, record.FileId, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            var response = await _table.UpdateEntityAsync(
                ToEntity(record), new ETag(version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return Normalize(record, response.Headers.ETag);
        }
        catch (RequestFailedException e) when (IsTableMissing(e))
        {
            throw TableMissing(e);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412 or 400 && IsConcurrencyFailure(e))
        {
            Log.Conflict(_logger, record.FileId, e.Status);
            throw new RecordConflictException(
                record.FileId,
                $"The record for file id '{record.FileId}' was not updated because it no longer exists or changed " +
                "since it was read. Read it again and reapply the change.",
                e);
        }
    }

    /// <inheritdoc />
    public async Task AddUnmatchedEventAsync(
        UnmatchedEvent unmatchedEvent, CancellationToken cancellationToken = default)
    {
        UnmatchedEventValidator.Validate(unmatchedEvent);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _table.AddEntityAsync(ToEntity(unmatchedEvent), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // The same event was kept before; keeping it once is enough.
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<UnmatchedEvent>> ListUnmatchedEventsAsync(
        int limit = 100, CancellationToken cancellationToken = default)
    {
        UnmatchedEventValidator.ValidateLimit(limit);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var events = new List<UnmatchedEvent>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {UnmatchedPartition}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(
            filter, Math.Min(limit, MaxPageSize), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            events.Add(ToEvent(entity));
            if (events.Count == limit)
            {
                break;
            }
        }

        return events;
    }

    /// <summary>
    /// Creates the table unless it exists; call it at start-up, or set
    /// <see cref="AzureTableRecordStoreOptions.CreateTableIfMissing"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task CreateTableIfMissingAsync(CancellationToken cancellationToken = default) =>
        _table.CreateIfNotExistsAsync(cancellationToken);

    private async Task<TableEntity?> GetEntityAsync(
        string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await _table.GetEntityAsync<TableEntity>(
                partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Value;
        }
        catch (RequestFailedException e) when (e.Status == 404 && !IsTableMissing(e))
        {
            return null;
        }
        catch (RequestFailedException e) when (IsTableMissing(e))
        {
            throw TableMissing(e);
        }
    }

    private Task<Response> PutJobPointerAsync(string jobId, string fileId, CancellationToken cancellationToken) =>
        _table.UpsertEntityAsync(
            new TableEntity(
                JobPartition(jobId), JobRow) { ["FileId"] = fileId }, TableUpdateMode.Replace, cancellationToken);

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (_createTable && !_tableReady)
        {
            await CreateTableIfMissingAsync(cancellationToken).ConfigureAwait(false);
            _tableReady = true;
            Log.TableReady(_logger, _table.Name);
        }
    }

    // A missing table must not read as a missing record: the status step would report "not found"
    // for every file instead of failing until the table exists.
    private static bool IsTableMissing(RequestFailedException e) =>
        e.Status == 404 && string.Equals(e.ErrorCode, "TableNotFound", StringComparison.Ordinal);

    private InvalidOperationException TableMissing(RequestFailedException e) => new(
        $"The table '{_table.Name}' does not exist. Create it at start-up with CreateTableIfMissingAsync, " +
        $"or set {nameof(AzureTableRecordStoreOptions)}.{nameof(AzureTableRecordStoreOptions.CreateTableIfMissing)}.",
        e);

    // Some servers reject a version that is not an ETag at all with 400, which still means a stale version.
    private static bool IsConcurrencyFailure(RequestFailedException e) =>
        e.Status != 400 || string.Equals(e.ErrorCode, "InvalidInput", StringComparison.Ordinal) ||
        string.Equals(e.ErrorCode, "InvalidHeaderValue", StringComparison.Ordinal);

    private static ConversionRecord Normalize(ConversionRecord record, ETag? etag) => record with
    {
        Metadata = new Dictionary<string, string>(record.Metadata, StringComparer.Ordinal),
        Version = etag?.ToString(),
    };

    private static AzureTableRecordStoreOptions Checked(AzureTableRecordStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = AzureTableRecordStoreOptionsValidator.Validate(options, clientProvided: false);
        return result.Failed
            ? throw new OptionsValidationException(string.Empty, typeof(AzureTableRecordStoreOptions), result.Failures)
            : options;
    }

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Information, "Azure table {Table} is ready")]
        public static partial void TableReady(ILogger logger, string table);

        [LoggerMessage(61, LogLevel.Debug, "Update of file {FileId} lost to another writer (HTTP {Status})")]
        public static partial void Conflict(ILogger logger, string fileId, int status);
    }
}
