namespace ChangeThisFile.Client.Storage;

/// <summary>
/// The durable record of each file that goes through the conversion flow, keyed by file id and
/// findable by job id, with optimistic concurrency on every update.
/// </summary>
/// <remarks>Implementations must be safe to call concurrently.</remarks>
public interface IConversionRecordStore
{
    /// <summary>Stores a new record.</summary>
    /// <param name="record">The record; its <see cref="ConversionRecord.Version"/> is ignored.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored record with the version the store assigned.</returns>
    /// <exception cref="RecordConflictException">A record with the same file id already exists.</exception>
    Task<ConversionRecord> CreateAsync(ConversionRecord record, CancellationToken cancellationToken = default);

    /// <summary>Reads the record of a file id.</summary>
    /// <param name="fileId">The file id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record, or <see langword="null"/> when there is none.</returns>
    Task<ConversionRecord?> GetAsync(string fileId, CancellationToken cancellationToken = default);

    /// <summary>Finds the record that a conversion job belongs to.</summary>
    /// <param name="jobId">The API's job id.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The record, or <see langword="null"/> when no record has this job id.</returns>
    Task<ConversionRecord?> FindByJobIdAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a record if nobody changed it since it was read, that is if the stored version
    /// still equals <see cref="ConversionRecord.Version"/>.
    /// </summary>
    /// <param name="record">The changed record, carrying the version it was read with.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The stored record with its new version.</returns>
    /// <exception cref="RecordConflictException">
    /// The stored version differs (another writer got there first) or the record no longer exists.
    /// Read the record again and reapply the change.
    /// </exception>
    Task<ConversionRecord> UpdateAsync(ConversionRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Keeps a webhook event that matched no record, so that an operator can see it instead of it
    /// being dropped.
    /// </summary>
    /// <param name="unmatchedEvent">The event as received.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task AddUnmatchedEventAsync(UnmatchedEvent unmatchedEvent, CancellationToken cancellationToken = default);

    /// <summary>Lists kept unmatched events, newest first.</summary>
    /// <param name="limit">The maximum number to return.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<IReadOnlyList<UnmatchedEvent>> ListUnmatchedEventsAsync(
        int limit = 100, CancellationToken cancellationToken = default);
}
