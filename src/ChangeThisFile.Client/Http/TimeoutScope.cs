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

        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        try
        {
            return await operation(linked.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsOwnExpiry(exception, timeoutSource, cancellationToken))
        {
            throw new ConversionTimeoutException(kind, timeout, innerException: exception);
        }
    }

    // A timeout of an inner layer that fired first keeps its own kind. Cancellation by the caller
    // or by an outer layer is never reported as this layer's timeout.
    private static bool IsOwnExpiry(
        Exception exception, CancellationTokenSource timeoutSource, CancellationToken outer) =>
        timeoutSource.IsCancellationRequested
        && !outer.IsCancellationRequested
        && exception is not ConversionTimeoutException;
}
