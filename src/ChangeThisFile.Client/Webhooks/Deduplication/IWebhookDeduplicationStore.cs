namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// Remembers which webhook events were processed, so a delivery the API retries is
/// acknowledged without being processed twice. Keys come from
/// <see cref="ConversionWebhookEvent.DeduplicationKey"/>.
/// </summary>
/// <remarks>
/// A claim is taken before the handler runs, marked processed only after it succeeded, and
/// released when it failed, so the sender's next retry processes the event again. A store
/// shared between processes should expire a claim after its lease, because a process can die
/// between claiming and marking.
/// </remarks>
public interface IWebhookDeduplicationStore
{
    /// <summary>Claims a delivery for processing.</summary>
    /// <param name="key">The deduplication key.</param>
    /// <param name="lease">How long the claim blocks duplicates if it is never marked or released.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the caller owns the delivery, or why not.</returns>
    ValueTask<WebhookClaimResult> TryClaimAsync(string key, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>
    /// Marks a claimed delivery processed, so duplicates are acknowledged for <paramref
    /// name="retention"/>.
    /// </summary>
    /// <param name="key">The deduplication key.</param>
    /// <param name="retention">How long to remember the event.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the mark is stored.</returns>
    ValueTask MarkProcessedAsync(string key, TimeSpan retention, CancellationToken cancellationToken);

    /// <summary>Releases a claim whose processing failed, so a later delivery is processed.</summary>
    /// <param name="key">The deduplication key.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>A task that completes when the claim is released.</returns>
    ValueTask ReleaseAsync(string key, CancellationToken cancellationToken);
}
