using System.Globalization;

namespace ChangeThisFile.Client.Storage;

/// <summary>
/// An <see cref="IConversionRecordStore"/> that keeps records in memory, for unit tests and demos.
/// Versions are counters rendered as decimal text.
/// </summary>
public sealed class InMemoryConversionRecordStore : IConversionRecordStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, (ConversionRecord Record, long Version)> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _fileIdsByJobId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnmatchedEvent> _unmatched = new(StringComparer.Ordinal);

    /// <summary>The number of stored records.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _records.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task<ConversionRecord> CreateAsync(ConversionRecord record, CancellationToken cancellationToken = default)
    {
        ConversionRecordValidator.Validate(record);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_records.ContainsKey(record.FileId))
            {
                throw new RecordConflictException(
                    record.FileId, $"A record for file id '{record.FileId}' already exists.");
            }

            return Task.FromResult(Put(record, 1));
        }
    }

    /// <inheritdoc />
    public Task<ConversionRecord?> GetAsync(string fileId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fileId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(Read(fileId));
        }
    }

    /// <inheritdoc />
    public Task<ConversionRecord?> FindByJobIdAsync(string jobId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(
                _fileIdsByJobId.TryGetValue(jobId, out var fileId) ? Read(fileId) : null);
        }
    }

    /// <inheritdoc />
    public Task<ConversionRecord> UpdateAsync(ConversionRecord record, CancellationToken cancellationToken = default)
    {
        ConversionRecordValidator.Validate(record);
        var expected = ParseVersion(record);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_records.TryGetValue(record.FileId, out var stored))
            {
                throw new RecordConflictException(
                    record.FileId, $"The record for file id '{record.FileId}' no longer exists.");
            }

            if (stored.Version != expected)
            {
                throw new RecordConflictException(
                    record.FileId,
                    $"The record for file id '{record.FileId}' changed since it was read " +
                    $"(version {expected}, now {stored.Version}). Read it again and reapply the change.");
            }

            if (stored.Record.JobId is { } oldJobId && oldJobId != record.JobId)
            {
                _fileIdsByJobId.Remove(oldJobId);
            }

            return Task.FromResult(Put(record, expected + 1));
        }
    }

    /// <inheritdoc />
    public Task AddUnmatchedEventAsync(UnmatchedEvent unmatchedEvent, CancellationToken cancellationToken = default)
    {
        UnmatchedEventValidator.Validate(unmatchedEvent);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _unmatched.TryAdd(unmatchedEvent.Id, unmatchedEvent);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UnmatchedEvent>> ListUnmatchedEventsAsync(
        int limit = 100, CancellationToken cancellationToken = default)
    {
        UnmatchedEventValidator.ValidateLimit(limit);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<UnmatchedEvent> events = _unmatched.Values
                .OrderByDescending(e => e.ReceivedAt)
                .ThenBy(e => e.Id, StringComparer.Ordinal)
                .Take(limit)
                .ToArray();
            return Task.FromResult(events);
        }
    }

    private ConversionRecord Put(ConversionRecord record, long version)
    {
        var stored = record with
        {
            Metadata = new Dictionary<string, string>(record.Metadata, StringComparer.Ordinal),
            Version = null,
        };
        _records[record.FileId] = (stored, version);
        if (record.JobId is not null)
        {
            _fileIdsByJobId[record.JobId] = record.FileId;
        }

        return Copy(stored, version);
    }

    private ConversionRecord? Read(string fileId) =>
        _records.TryGetValue(fileId, out var stored) ? Copy(stored.Record, stored.Version) : null;

    private static ConversionRecord Copy(ConversionRecord record, long version) => record with
    {
        Metadata = new Dictionary<string, string>(record.Metadata, StringComparer.Ordinal),
        Version = version.ToString(CultureInfo.InvariantCulture),
    };

    private static long ParseVersion(ConversionRecord record)
    {
        var version = ConversionRecordValidator.ValidateForUpdate(record);
        if (!long.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            throw new RecordConflictException(
                record.FileId,
                $"The version '{version}' of file id '{record.FileId}' was not issued by this store. " +
                "Read the record again and reapply the change.");
        }

        return parsed;
    }
}
