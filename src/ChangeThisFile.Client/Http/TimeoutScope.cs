namespace ChangeThisFile.Client.Http;

/// <summary>
/// Runs an operation under one of the client's limits and turns the expiry of that limit, and
/// only that, into a <see cref="ConversionTimeoutException"/>.
/// </summary>
internal static class TimeoutScope
{
    public static async Task<T> RunAsync<T>(
        Func<CancellationToken, Task<T>> operation,
        TimeSpan timeout,
        ConversionTimeoutKind kind,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }

        using var source = TimeoutSource.Start(timeout, timeProvider, cancellationToken);
        try
        {
            return await operation(source.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (source.HasExpired(exception, cancellationToken))
        {
            throw new ConversionTimeoutException(kind, timeout, innerException: exception);
        }
    }
}

/// <summary>
/// A cancellation source that is cancelled by the caller's token or when a limit expires,
/// whichever comes first, and that distinguishes the two.
/// </summary>
internal readonly struct TimeoutSource : IDisposable
{
    private readonly CancellationTokenSource _linked;

    // Set only for a TimeProvider other than the system clock, whose timer needs a source of its own.
    private readonly CancellationTokenSource? _timer;

    private TimeoutSource(CancellationTokenSource linked, CancellationTokenSource? timer)
    {
        _linked = linked;
        _timer = timer;
    }

    public CancellationToken Token => _linked.Token;

    public static TimeoutSource Start(TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (timeProvider == TimeProvider.System)
        {
            // One linked source with its own timer replaces a timer source plus a linked source,
            // which saves an allocation and a registration on every call and every attempt.
            var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            source.CancelAfter(timeout);
            return new TimeoutSource(source, null);
        }

        // CancelAfter uses the system clock, so another TimeProvider needs a source built from it.
        var timer = new CancellationTokenSource(timeout, timeProvider);
        return new TimeoutSource(CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token), timer);
    }

    /// <summary>
    /// Whether <paramref name="exception"/> comes from this limit. A timeout of an inner limit that
    /// fired first keeps its own kind. Cancellation by the caller or by an outer limit is never
    /// this limit's expiry, even though it cancels the linked source too.
    /// </summary>
    public bool HasExpired(Exception exception, CancellationToken outer) =>
        (_timer ?? _linked).IsCancellationRequested
        && !outer.IsCancellationRequested
        && exception is not ConversionTimeoutException;

    public void Dispose()
    {
        _linked.Dispose();
        _timer?.Dispose();
    }
}
