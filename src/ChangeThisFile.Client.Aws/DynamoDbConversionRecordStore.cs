using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static ChangeThisFile.Client.Aws.DynamoDbRecordMapping;

namespace ChangeThisFile.Client.Aws;

/// <summary>
/// An <see cref="IConversionRecordStore"/> on DynamoDB, with the low-level client only (no object
/// persistence model, so no reflection) and optimistic concurrency by conditional writes on a numeric
/// <c>version</c> attribute. The item layout is described on <see cref="DynamoDbTable"/>.
/// </summary>
public sealed partial class DynamoDbConversionRecordStore : IConversionRecordStore, IDisposable
{
    private readonly IAmazonDynamoDB _client;
    private readonly bool _ownsClient;
    private readonly string _table;
    private readonly bool _createTable;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _tableGate = new(1, 1);
    private volatile bool _tableReady;

    /// <summary>Initializes the store with a client built from the options.</summary>
    /// <param name="options">The settings; checked like at start-up.</param>
    /// <param name="timeProvider">The clock for waiting on table creation; <see cref="TimeProvider.System"/> when
    /// null.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <exception cref="OptionsValidationException">A setting is missing or invalid.</exception>
    public DynamoDbConversionRecordStore(
        DynamoDbRecordStoreOptions options, TimeProvider? timeProvider = null,
        ILogger<DynamoDbConversionRecordStore>? logger = null)
        : this(AwsClientFactory.CreateDynamoDbClient(Checked(options)), options, timeProvider, logger, ownsClient: true)
    {
    }

    /// <summary>Initializes the store with a client the application built and keeps owning.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="options">The settings; the table name and
    /// <see cref="DynamoDbRecordStoreOptions.CreateTableIfMissing"/> are used.</param>
    /// <param name="timeProvider">The clock for waiting on table creation; <see cref="TimeProvider.System"/> when
    /// null.</param>
    /// <param name="logger">The logger; none when null.</param>
    public DynamoDbConversionRecordStore(
        IAmazonDynamoDB client, DynamoDbRecordStoreOptions options, TimeProvider? timeProvider = null,
        ILogger<DynamoDbConversionRecordStore>? logger = null)
        : this(client, options, timeProvider, logger, ownsClient: false)
    {
    }

    private DynamoDbConversionRecordStore(
        IAmazonDynamoDB client, DynamoDbRecordStoreOptions options, TimeProvider? timeProvider, ILogger? logger,
        bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.TableName, "options.TableName");
        _client = client;
        _ownsClient = ownsClient;
        _table = options.TableName;
        _createTable = options.CreateTableIfMissing;
        _timeProvider = timeProvider ?? TimeProvider.System;
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
            await _client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _table,
                    Item = ToItem(record, 1),
                    ConditionExpression = "attribute_not_exists(pk)",
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException e)
        {
            throw new RecordConflictException(
                record.FileId, $"A record for file id '{record.FileId}' already exists.", e);
        }

        return Normalize(record, 1);
    }

    /// <inheritdoc />
    public async Task<ConversionRecord?> GetAsync(string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!Storage.RecordKey.IsValid(fileId))
        {
            return null;
        }

        var item = await GetItemAsync(DynamoDbRecordMapping.RecordKey(fileId), cancellationToken).ConfigureAwait(false);
        return item is null ? null : ToRecord(item);
    }

    /// <inheritdoc />
    public async Task<ConversionRecord?> FindByJobIdAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!Storage.RecordKey.IsValid(jobId))
        {
            return null;
        }

        var pointer = await GetItemAsync(JobKey(jobId), cancellationToken).ConfigureAwait(false);
        if (pointer?.GetValueOrDefault("fileId")?.S is not { } fileId)
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
        if (!long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var expected))
        {
            throw Conflict(record.FileId, $"the version '{version}' was not issued by this store", null);
        }

        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        if (record.JobId is not null)
        {
            await PutJobPointerAsync(record.JobId, record.FileId, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await _client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = _table,
                    Item = ToItem(record, expected + 1),
                    ConditionExpression = "attribute_exists(pk) AND version = :expected",
                    ExpressionAttributeValues = new() { [":expected"] = N(expected) },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException e)
        {
            Log.Conflict(_logger, record.FileId, expected);
            throw Conflict(record.FileId, $"it no longer exists or changed since version {expected}", e);
        }

        return Normalize(record, expected + 1);
    }

    /// <inheritdoc />
    public async Task AddUnmatchedEventAsync(
        UnmatchedEvent unmatchedEvent, CancellationToken cancellationToken = default)
    {
        UnmatchedEventValidator.Validate(unmatchedEvent);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _client.PutItemAsync(
                new PutItemRequest { TableName = _table, Item = ToItem(
                    unmatchedEvent), ConditionExpression = "attribute_not_exists(pk)" },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
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
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var response = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = _table,
                    KeyConditionExpression = "pk = :pk",
                    ExpressionAttributeValues = new() { [":pk"] = S(UnmatchedPartition) },
                    ScanIndexForward = false,
                    Limit = limit - events.Count,
                    ExclusiveStartKey = start,
                    ConsistentRead = true,
                },
                cancellationToken).ConfigureAwait(false);
            events.AddRange((response.Items ?? []).Select(ToEvent));
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null && events.Count < limit);

        return events;
    }

    /// <summary>
    /// Creates the table unless it exists; call it at start-up, or set
    /// <see cref="DynamoDbRecordStoreOptions.CreateTableIfMissing"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task CreateTableIfMissingAsync(CancellationToken cancellationToken = default) =>
        DynamoDbTable.CreateIfMissingAsync(_client, _table, _timeProvider, cancellationToken);

    /// <summary>Disposes the DynamoDB client when this store created it.</summary>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }

        _tableGate.Dispose();
    }

    private async Task<Dictionary<string, AttributeValue>?> GetItemAsync(
        Dictionary<string, AttributeValue> key, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var request = new GetItemRequest { TableName = _table, Key = key, ConsistentRead = true };
        var response = await _client.GetItemAsync(request, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    private Task<PutItemResponse> PutJobPointerAsync(string jobId, string fileId, CancellationToken cancellationToken)
    {
        var item = JobKey(jobId);
        item["fileId"] = S(fileId);
        return _client.PutItemAsync(new PutItemRequest { TableName = _table, Item = item }, cancellationToken);
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_createTable || _tableReady)
        {
            return;
        }

        await _tableGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_tableReady)
            {
                await CreateTableIfMissingAsync(cancellationToken).ConfigureAwait(false);
                _tableReady = true;
                Log.TableReady(_logger, _table);
            }
        }
        finally
        {
            _tableGate.Release();
        }
    }

    private static ConversionRecord Normalize(ConversionRecord record, long version) => record with
    {
        Metadata = new Dictionary<string, string>(record.Metadata, StringComparer.Ordinal),
        Version = version.ToString(CultureInfo.InvariantCulture),
    };

    private static RecordConflictException Conflict(string fileId, string reason, Exception? inner)
    {
        var message = $"The record for file id '{fileId}' was not updated because {reason}. " +
            "Read it again and reapply the change.";
        return inner is null ? new RecordConflictException(
            fileId, message) : new RecordConflictException(fileId, message, inner);
    }

    private static DynamoDbRecordStoreOptions Checked(DynamoDbRecordStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new DynamoDbRecordStoreOptionsValidator().Validate(null, options);
        return result.Failed
            ? throw new OptionsValidationException(string.Empty, typeof(DynamoDbRecordStoreOptions), result.Failures)
            : options;
    }

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Information, "DynamoDB table {Table} is ready")]
        public static partial void TableReady(ILogger logger, string table);

        [LoggerMessage(41, LogLevel.Debug, "Update of file {FileId} at version {Version} lost to another writer")]
        public static partial void Conflict(ILogger logger, string fileId, long version);
    }
}
