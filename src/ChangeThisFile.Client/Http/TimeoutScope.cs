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

        if (timeProvider == TimeProvider.System)
        {
            // One linked source with its own timer replaces a timer source plus a linked source,
            // which saves an allocation and a registration on every call and every attempt.
            using var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            source.CancelAfter(timeout);
            try
            {
                return await operation(source.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsOwnExpiry(exception, source, cancellationToken))
            {
                throw new ConversionTimeoutException(kind, timeout, innerException: exception);
            }
        }

        // CancelAfter uses the system clock, so another TimeProvider needs a source built from it.
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
    // or by an outer layer is never reported as this layer's timeout. Such a cancellation also
    // cancels the linked source, but the outer token is then cancelled too.
    private static bool IsOwnExpiry(
        Exception exception, CancellationTokenSource timeoutSource, CancellationToken outer) =>
        timeoutSource.IsCancellationRequested
        && !outer.IsCancellationRequested
        && exception is not ConversionTimeoutException;
}
