namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// An <see cref="IWebhookDeduplicationStore"/> in process memory, with expiry measured by a
/// <see cref="TimeProvider"/>. It does not survive a restart and is not shared between
/// instances; deployments with several instances should register a shared store.
/// </summary>
/// <remarks>
/// Expired entries are swept at most once per <see cref="SweepInterval"/>. Memory grows with the
/// number of distinct events inside the retention window, roughly 200 bytes per event.
/// </remarks>
public sealed class InMemoryWebhookDeduplicationStore : IWebhookDeduplicationStore
{
    /// <summary>How often expired entries are removed: one minute.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly TimeProvider _timeProvider;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private DateTimeOffset _nextSweep;

    /// <summary>Creates an empty store.</summary>
    /// <param name="timeProvider">The clock for expiry; the system clock when null.</param>
    public InMemoryWebhookDeduplicationStore(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
        _nextSweep = _timeProvider.GetUtcNow() + SweepInterval;
    }

    /// <summary>The number of remembered or claimed events, expired ones not yet swept included.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<WebhookClaimResult> TryClaimAsync(string key, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            SweepIfDue(now);
            if (_entries.TryGetValue(key, out var entry) && entry.ExpiresAt > now)
            {
                return ValueTask.FromResult(
                    entry.Processed ? WebhookClaimResult.AlreadyProcessed : WebhookClaimResult.InProgress);
            }

            _entries[key] = new Entry(Processed: false, now + lease);
            return ValueTask.FromResult(WebhookClaimResult.Claimed);
        }
    }

    /// <inheritdoc />
    public ValueTask MarkProcessedAsync(string key, TimeSpan retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            _entries[key] = new Entry(Processed: true, now + retention);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ReleaseAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var entry) && !entry.Processed)
            {
                _entries.Remove(key);
            }
        }

        return ValueTask.CompletedTask;
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now + SweepInterval;
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.Remove(key);
            }
        }
    }

    private readonly record struct Entry(bool Processed, DateTimeOffset ExpiresAt);
}
