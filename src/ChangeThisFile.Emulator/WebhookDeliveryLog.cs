namespace ChangeThisFile.Emulator;

/// <summary>Every webhook attempt an emulator has made, in order, with ways to wait for one.</summary>
public sealed class WebhookDeliveryLog
{
    private readonly Lock _gate = new();
    private readonly List<WebhookDelivery> _deliveries = [];
    private readonly ChangeSignal _changed = new();

    /// <summary>A snapshot of every attempt so far, oldest first.</summary>
    public IReadOnlyList<WebhookDelivery> All
    {
        get { lock (_gate) { return [.. _deliveries]; } }
    }

    /// <summary>Returns the attempts for one job, oldest first.</summary>
    /// <param name="jobId">The job id.</param>
    public IReadOnlyList<WebhookDelivery> ForJob(string jobId)
    {
        lock (_gate)
        {
            return [.. _deliveries.Where(delivery => delivery.JobId == jobId)];
        }
    }

    /// <summary>
    /// Waits for the first attempt that satisfies <paramref name="predicate"/>, including
    /// past ones.
    /// </summary>
    /// <param name="predicate">The condition.</param>
    /// <param name="timeout">Real time to wait; <see cref="EmulatorJobs.DefaultWaitTimeout"/> when
    /// null.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The matching attempt.</returns>
    /// <exception cref="TimeoutException">No attempt matched in time.</exception>
    public async Task<WebhookDelivery> WaitForAsync(
        Func<WebhookDelivery, bool> predicate, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        var matches = await WaitForCountAsync(predicate, 1, timeout, cancellationToken).ConfigureAwait(false);
        return matches[0];
    }

    /// <summary>Waits until <paramref name="count"/> attempts satisfy <paramref name="predicate"/>.</summary>
    /// <param name="predicate">The condition.</param>
    /// <param name="count">How many matching attempts to wait for.</param>
    /// <param name="timeout">Real time to wait; <see cref="EmulatorJobs.DefaultWaitTimeout"/> when
    /// null.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The first <paramref name="count"/> matching attempts, oldest first.</returns>
    /// <exception cref="TimeoutException">Fewer attempts matched in time.</exception>
    public Task<IReadOnlyList<WebhookDelivery>> WaitForCountAsync(
        Func<WebhookDelivery, bool> predicate,
        int count,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return _changed.WaitAsync<IReadOnlyList<WebhookDelivery>>(
            () =>
            {
                var matches = All.Where(predicate).Take(count).ToList();
                return matches.Count == count ? matches : null;
            },
            timeout ?? EmulatorJobs.DefaultWaitTimeout,
            $"{count} webhook deliveries",
            cancellationToken);
    }

    /// <summary>
    /// Waits for the first attempt for <paramref name="jobId"/> that the receiver accepted
    /// with a 2xx.
    /// </summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="timeout">Real time to wait; <see cref="EmulatorJobs.DefaultWaitTimeout"/> when
    /// null.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The successful attempt.</returns>
    /// <exception cref="TimeoutException">No attempt succeeded in time.</exception>
    public Task<WebhookDelivery> WaitForSuccessAsync(
        string jobId, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitForAsync(delivery => delivery.JobId == jobId && delivery.Succeeded, timeout, cancellationToken);

    /// <summary>Forgets every recorded attempt.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _deliveries.Clear();
        }
    }

    internal void Add(WebhookDelivery delivery)
    {
        lock (_gate)
        {
            _deliveries.Add(delivery);
        }

        _changed.Notify();
    }
}
