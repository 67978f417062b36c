using ChangeThisFile.Emulator.Jobs;

namespace ChangeThisFile.Emulator;

/// <summary>Read access to an emulator's jobs for tests: look-ups, waits and result files.</summary>
public sealed class EmulatorJobs
{
    /// <summary>
    /// The time <c>Wait...</c> methods wait when no timeout is given: 30 seconds of real
    /// time.
    /// </summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(30);

    private readonly JobStore _store;

    internal EmulatorJobs(JobStore store) => _store = store;

    /// <summary>The number of live jobs of every account.</summary>
    public int Count => _store.List().Count;

    /// <summary>Returns a snapshot of the job, or null when no live job has that id.</summary>
    /// <param name="jobId">The job id from the 202 response.</param>
    public EmulatorJob? Find(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return _store.Find(jobId)?.Snapshot();
    }

    /// <summary>Returns snapshots of every live job of every account, newest first.</summary>
    public IReadOnlyList<EmulatorJob> List() => [.. _store.List().Select(job => job.Snapshot())];

    /// <summary>Waits until the job is <c>completed</c> or <c>failed</c>.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="timeout">Real time to wait; <see cref="DefaultWaitTimeout"/> when null.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The job in its final state.</returns>
    /// <exception cref="TimeoutException">The job did not finish in time.</exception>
    public Task<EmulatorJob> WaitForTerminalAsync(
        string jobId, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitAsync(jobId, job => job.IsTerminal, timeout, cancellationToken);

    /// <summary>Waits until the job reaches <paramref name="status"/>.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="status">The status to wait for, such as <c>processing</c>.</param>
    /// <param name="timeout">Real time to wait; <see cref="DefaultWaitTimeout"/> when null.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The job once it has that status.</returns>
    /// <exception cref="TimeoutException">The job did not reach the status in time.</exception>
    public Task<EmulatorJob> WaitForStatusAsync(
        string jobId, string status, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        WaitAsync(jobId, job => job.Status == status, timeout, cancellationToken);

    /// <summary>Waits until the job satisfies <paramref name="predicate"/>.</summary>
    /// <param name="jobId">The job id.</param>
    /// <param name="predicate">The condition, tested after every change of any job.</param>
    /// <param name="timeout">Real time to wait; <see cref="DefaultWaitTimeout"/> when null.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The first snapshot that satisfies the condition.</returns>
    /// <exception cref="TimeoutException">The condition did not hold in time.</exception>
    public Task<EmulatorJob> WaitAsync(
        string jobId,
        Func<EmulatorJob, bool> predicate,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        ArgumentNullException.ThrowIfNull(predicate);
        return _store.Changed.WaitAsync(
            () => Find(jobId) is { } job && predicate(job) ? job : null,
            timeout ?? DefaultWaitTimeout,
            $"job {jobId}",
            cancellationToken);
    }

    /// <summary>Opens the result file of a completed job for reading.</summary>
    /// <param name="jobId">The job id.</param>
    /// <returns>A read-only stream the caller disposes.</returns>
    /// <exception cref="InvalidOperationException">The job does not exist or has no result.</exception>
    public Stream OpenResult(string jobId)
    {
        var path = _store.Find(jobId)?.ResultPath
            ?? throw new InvalidOperationException(
                $"Job {jobId} does not exist or has not completed; wait for it with WaitForTerminalAsync.");
        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
    }
}
