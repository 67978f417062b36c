using System.Globalization;
using ChangeThisFile.Emulator;
using Xunit.Abstractions;

namespace ChangeThisFile.Reliability.Tests.Soak;

/// <summary>
/// A long run outside CI (<c>scripts/soak.sh</c>; <c>scripts/test.sh</c> leaves the Soak category
/// out): thousands of conversions at a steady concurrency against the emulator with injected
/// faults and duplicated webhooks. Nothing may be lost or created twice, and the process's
/// memory, file descriptors and connections must stay flat.
/// </summary>
[Trait("Category", "Soak")]
public sealed class SoakTests(ITestOutputHelper output)
{
    // Growth allowed between the end of the warm-up and the end of the load. They are judgment
    // calls: above the noise of a collected heap and of pooled buffers, far below what a leak of
    // one object, handle or connection per conversion would add over thousands of conversions.
    private const double HeapGrowthFactor = 1.25;
    private const long HeapGrowthBytes = 8L * 1024 * 1024;
    private const double WorkingSetGrowthFactor = 1.25;
    private const long WorkingSetGrowthBytes = 64L * 1024 * 1024;
    private const int FileDescriptorGrowth = 32;

    // The pool needs at most one connection per request in flight, plus one whose error body is
    // being drained. A worker never has more than one request in flight.
    private const int ConnectionsPerWorker = 2;

    [Fact]
    public async Task SteadyLoad_LosesNothingAndStaysFlat()
    {
        var settings = SoakSettings.FromEnvironment();
        var loadAtStart = SoakReport.LoadAverage();
        await using var emulator = await EmulatorProcess.StartAsync(EmulatorSwitches(settings));
        await using var pipeline = await ClientWebhookPipeline.StartAsync(
            emulator.BaseAddress,
            ConversionEmulatorOptions.DefaultApiKey,
            ConversionEmulatorOptions.DefaultWebhookSecret);
        using var metrics = new ClientMetricsListener();

        var result = await new SoakRun(settings, pipeline, () => pipeline.Connections.Live, emulator.ResidentBytes)
            .RunAsync();
        var duplicateJobs = await pipeline.CountDuplicateJobsAsync(CancellationToken.None);
        var report = SoakReport.Write(new SoakFigures(
            settings,
            pipeline.Name,
            result,
            duplicateJobs,
            pipeline.JobsListed,
            pipeline.Figures(),
            new Dictionary<string, long>(metrics.RetriesByReason),
            metrics.Requests,
            new Dictionary<string, long>(emulator.InjectedFaults),
            emulator.WebhookAttempts,
            emulator.WebhooksAbandoned,
            loadAtStart,
            SoakReport.LoadAverage()));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(settings.ReportPath))!);
        await File.WriteAllTextAsync(settings.ReportPath, report);
        output.WriteLine(report);

        result.Completed.Should().BeGreaterThan(0);
        result.Count(SoakOutcome.Lost).Should().Be(0, "no accepted conversion may be lost");
        result.Count(SoakOutcome.WrongResult).Should().Be(0);
        result.Count(SoakOutcome.DownloadFailed).Should().Be(0);
        result.Count(SoakOutcome.SubmitFailed).Should().Be(0);
        duplicateJobs.Should().Be(0, "a retried submission must not create a second job");
        pipeline.UnexpectedEvents.Should().Be(0, "duplicate deliveries must not reach the handler");
        CheckFlat(result.AtWarmUpEnd, result.AtLoadEnd, settings.Concurrency);
    }

    private static void CheckFlat(ResourceSample start, ResourceSample end, int workers)
    {
        end.GcHeapBytes.Should().BeLessThanOrEqualTo((long)(start.GcHeapBytes * HeapGrowthFactor) + HeapGrowthBytes);
        end.WorkingSetBytes.Should().BeLessThanOrEqualTo(
            (long)(start.WorkingSetBytes * WorkingSetGrowthFactor) + WorkingSetGrowthBytes);
        end.OpenFileDescriptors.Should().BeLessThanOrEqualTo(start.OpenFileDescriptors + FileDescriptorGrowth);
        end.LiveConnections.Should().BeLessThanOrEqualTo(workers * ConnectionsPerWorker);
    }

    /// <summary>
    /// The emulator's settings: the fault rate split over 5xx responses, dropped connections and
    /// lost responses; duplicated webhooks; fast webhook retries; limits no run reaches.
    /// </summary>
    private static List<string> EmulatorSwitches(SoakSettings settings) =>
    [
        "--port", "0",
        "--rate-limit", "1000000000",
        "--monthly-limit", "2000000000",
        "--webhook-retry-scale", "0.01",
        "--log-level", "Information",
        "--Emulator:MaxConcurrentJobs=4",
        Setting("ServerErrorRate", settings.FaultRate * 0.4),
        Setting("DropConnectionRate", settings.FaultRate * 0.3),
        Setting("DropResponseRate", settings.FaultRate * 0.3),
        Setting("WebhookDuplicateRate", settings.DuplicateWebhookRate),
    ];

    private static string Setting(string name, double rate) =>
        string.Create(CultureInfo.InvariantCulture, $"--Emulator:Faults:{name}={rate}");
}
