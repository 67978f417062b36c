using System.Collections.Concurrent;
using System.Diagnostics;

namespace ChangeThisFile.Reliability.Tests.Soak;

/// <summary>What a soak run produced: outcomes, resource samples and timings.</summary>
public sealed record SoakResult(
    IReadOnlyDictionary<SoakOutcome, long> Outcomes,
    IReadOnlyList<ResourceSample> Samples,
    ResourceSample AtWarmUpEnd,
    ResourceSample AtLoadEnd,
    ResourceSample AfterDrain,
    TimeSpan LoadTime,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt)
{
    public long Count(SoakOutcome outcome) => Outcomes.GetValueOrDefault(outcome);

    public long Completed => Count(SoakOutcome.CompletedByWebhook) + Count(SoakOutcome.CompletedByPolling);

    public long Total => Outcomes.Values.Sum();
}

/// <summary>
/// Drives a pipeline at a steady concurrency: each worker starts its next conversion as soon as
/// its last one ends. Resources are sampled at the start, at the end of the warm-up, at every
/// interval and at the end of the load. Then the workers finish what they started.
/// </summary>
public sealed class SoakRun(
    SoakSettings settings, ISoakPipeline pipeline, Func<int> liveConnections, Func<long> emulatorResident)
{
    private readonly ConcurrentDictionary<SoakOutcome, long> _outcomes = new();
    private readonly Stopwatch _watch = new();
    private long _lastNumber;

    public async Task<SoakResult> RunAsync()
    {
        var startedAt = DateTimeOffset.UtcNow;
        _watch.Start();
        var samples = new List<ResourceSample> { Sample() };
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, settings.Concurrency).Select(_ => WorkAsync(stop.Token)).ToList();

        ResourceSample? atWarmUpEnd = null;
        foreach (var due in SampleTimes())
        {
            var wait = due - _watch.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            samples.Add(Sample());
            atWarmUpEnd ??= due >= settings.WarmUp ? samples[^1] : null;
        }

        var loadTime = _watch.Elapsed;
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        var afterDrain = Sample();
        samples.Add(afterDrain);
        return new SoakResult(
            new Dictionary<SoakOutcome, long>(_outcomes),
            samples,
            atWarmUpEnd!,
            samples[^2],
            afterDrain,
            loadTime,
            startedAt,
            DateTimeOffset.UtcNow);
    }

    /// <summary>Returns the end of the warm-up, each interval after it, and the end of the load.</summary>
    private IEnumerable<TimeSpan> SampleTimes()
    {
        var end = settings.WarmUp + settings.Duration;
        for (var due = settings.WarmUp; due < end; due += settings.SampleInterval)
        {
            yield return due;
        }

        yield return end;
    }

    private async Task WorkAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var conversion = SoakInputs.Create(Interlocked.Increment(ref _lastNumber));
            var outcome = await pipeline.RunAsync(conversion, CancellationToken.None);
            _outcomes.AddOrUpdate(outcome, 1, (_, count) => count + 1);
        }
    }

    private ResourceSample Sample()
    {
        var completed = _outcomes.GetValueOrDefault(SoakOutcome.CompletedByWebhook)
            + _outcomes.GetValueOrDefault(SoakOutcome.CompletedByPolling);
        return ResourceSample.Take(_watch.Elapsed, completed, liveConnections(), emulatorResident());
    }
}
