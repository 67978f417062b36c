namespace ChangeThisFile.Emulator;

/// <summary>
/// Wakes waiters when something changes: each <see cref="Notify"/> completes the task that
/// <see cref="WaitAsync"/> handed out and starts a new one.
/// </summary>
internal sealed class ChangeSignal
{
    private TaskCompletionSource _next = NewSource();

    /// <summary>Returns a task that completes at the next <see cref="Notify"/>.</summary>
    public Task NextAsync() => Volatile.Read(ref _next).Task;

    public void Notify() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    /// <summary>
    /// Evaluates <paramref name="probe"/> after every change until it returns a value, or throws
    /// <see cref="TimeoutException"/> after <paramref name="timeout"/> of real time.
    /// </summary>
    public async Task<T> WaitAsync<T>(
        Func<T?> probe, TimeSpan timeout, string what, CancellationToken cancellationToken)
        where T : class
    {
        using var timeoutSource = new CancellationTokenSource(timeout, TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeoutSource.Token, cancellationToken);
        while (true)
        {
            var changed = NextAsync();
            if (probe() is { } value)
            {
                return value;
            }

            try
            {
                await changed.WaitAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
                when (timeoutSource.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            }
        }
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
