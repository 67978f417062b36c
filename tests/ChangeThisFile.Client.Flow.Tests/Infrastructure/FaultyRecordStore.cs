namespace ChangeThisFile.Client.Flow.Tests.Infrastructure;

/// <summary>
/// Wraps a real record store and injects faults into its updates. An outage makes the next
/// updates that set a given status throw. A lost race lets another writer change the record just
/// before the next updates, so they fail with the store's own version conflict.
/// </summary>
public sealed class FaultyRecordStore(IConversionRecordStore inner) : IConversionRecordStore
{
    private int _failNextUpdates;
    private int _raceNextUpdates;
    private RecordStatus _failingStatus;

    public IConversionRecordStore Inner { get; } = inner;

    /// <summary>Makes the next <paramref name="count"/> updates that set <paramref name="status"/> throw.</summary>
    public void FailNextUpdatesTo(RecordStatus status, int count)
    {
        _failingStatus = status;
        Interlocked.Add(ref _failNextUpdates, count);
    }

    public void RaceNextUpdates(int count) => Interlocked.Add(ref _raceNextUpdates, count);

    public void Reset()
    {
        Interlocked.Exchange(ref _failNextUpdates, 0);
        Interlocked.Exchange(ref _raceNextUpdates, 0);
    }

    public async Task<ConversionRecord> UpdateAsync(
        ConversionRecord record, CancellationToken cancellationToken = default)
    {
        if (record.Status == _failingStatus && FaultyObjectStorage.TakeFault(ref _failNextUpdates))
        {
            throw new IOException(
                $"Injected fault: the record store is down and rejected the update of '{record.FileId}'.");
        }

        if (FaultyObjectStorage.TakeFault(ref _raceNextUpdates)
            && await Inner.GetAsync(record.FileId, cancellationToken) is { } current)
        {
            // Another writer touches the record, so the caller's version is stale.
            var touched = current with { UpdatedAt = current.UpdatedAt.AddMilliseconds(1) };
            await Inner.UpdateAsync(touched, cancellationToken);
        }

        return await Inner.UpdateAsync(record, cancellationToken);
    }

    public Task<ConversionRecord> CreateAsync(ConversionRecord record, CancellationToken cancellationToken = default) =>
        Inner.CreateAsync(record, cancellationToken);

    public Task<ConversionRecord?> GetAsync(string fileId, CancellationToken cancellationToken = default) =>
        Inner.GetAsync(fileId, cancellationToken);

    public Task<ConversionRecord?> FindByJobIdAsync(string jobId, CancellationToken cancellationToken = default) =>
        Inner.FindByJobIdAsync(jobId, cancellationToken);

    public Task AddUnmatchedEventAsync(UnmatchedEvent unmatchedEvent, CancellationToken cancellationToken = default) =>
        Inner.AddUnmatchedEventAsync(unmatchedEvent, cancellationToken);

    public Task<IReadOnlyList<UnmatchedEvent>> ListUnmatchedEventsAsync(
        int limit = 100, CancellationToken cancellationToken = default) =>
        Inner.ListUnmatchedEventsAsync(limit, cancellationToken);
}
