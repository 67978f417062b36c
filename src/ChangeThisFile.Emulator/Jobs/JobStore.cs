using System.Collections.Concurrent;
using ChangeThisFile.Emulator.Api;

namespace ChangeThisFile.Emulator.Jobs;

/// <summary>
/// Every job of every account, in memory. Jobs older than the retention time are removed, with
/// their files, the next time anything looks them up.
/// </summary>
internal sealed class JobStore(ConversionEmulatorOptions options)
{
    private readonly ConcurrentDictionary<string, JobRecord> _jobs = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>Signalled after every status change.</summary>
    public ChangeSignal Changed { get; } = new();

    public JobRecord Create(JobDraft draft)
    {
        var now = EmulatorJson.TruncateToSeconds(options.TimeProvider.GetUtcNow());
        var job = new JobRecord(Guid.NewGuid().ToString("D"), Interlocked.Increment(ref _sequence), draft, now);
        _jobs[job.Id] = job;
        Changed.Notify();
        return job;
    }

    /// <summary>Returns a live job, of the given account when <paramref name="accountId"/> is set.</summary>
    public JobRecord? Find(string jobId, string? accountId = null)
    {
        if (!_jobs.TryGetValue(jobId, out var job) || RemoveIfExpired(job))
        {
            return null;
        }

        return accountId is null || job.Draft.AccountId == accountId ? job : null;
    }

    /// <summary>
    /// Returns live jobs newest first, of one account when <paramref name="accountId"/> is
    /// set.
    /// </summary>
    public IReadOnlyList<JobRecord> List(string? accountId = null) =>
        [.. _jobs.Values
            .Where(job => !RemoveIfExpired(job) && (accountId is null || job.Draft.AccountId == accountId))
            .OrderByDescending(job => job.Sequence)];

    /// <summary>
    /// Returns up to <paramref name="limit"/> jobs older than the cursor's sequence,
    /// newest first.
    /// </summary>
    public (IReadOnlyList<JobRecord> Page, bool HasMore) Page(string accountId, int limit, long? beforeSequence)
    {
        var candidates = List(accountId).Where(job => beforeSequence is null || job.Sequence < beforeSequence);
        var page = candidates.Take(limit + 1).ToList();
        var hasMore = page.Count > limit;
        return (hasMore ? page[..limit] : page, hasMore);
    }

    private bool RemoveIfExpired(JobRecord job)
    {
        if (options.TimeProvider.GetUtcNow() < job.CreatedAt + options.JobRetention)
        {
            return false;
        }

        if (_jobs.TryRemove(job.Id, out _))
        {
            TempFiles.TryDelete(job.TakeInputPath());
            TempFiles.TryDelete(job.ResultPath);
        }

        return true;
    }
}
