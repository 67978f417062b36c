using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace ChangeThisFile.Reliability.Tests.Soak;

/// <summary>Everything a soak report shows, gathered after the run.</summary>
public sealed record SoakFigures(
    SoakSettings Settings,
    string PipelineName,
    SoakResult Result,
    long DuplicateJobs,
    long JobsListed,
    IReadOnlyList<(string Name, string Value)> PipelineFigures,
    IReadOnlyDictionary<string, long> ClientRetries,
    long ClientRequests,
    IReadOnlyDictionary<string, long> InjectedFaults,
    long WebhookAttempts,
    long WebhooksAbandoned,
    string LoadAverageAtStart,
    string LoadAverageAtEnd);

/// <summary>Writes a soak run as Markdown: command, machine, outcomes, and resources over time.</summary>
public static class SoakReport
{
    private const double Mebibyte = 1024 * 1024;

    public static string Write(SoakFigures figures)
    {
        var text = new StringBuilder();
        var settings = figures.Settings;
        Line(text, $"# Soak run, {figures.Result.StartedAt:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        Line(text, $"- Command: `{Command()}`");
        Line(text, $"- Machine: {Machine()}");
        Line(text, $"- Load average (1, 5, 15 min): {figures.LoadAverageAtStart} at start, ",
            $"{figures.LoadAverageAtEnd} at end");
        Line(text, $"- Pipeline: {figures.PipelineName}; the emulator runs as its own process");
        Line(text, $"- Load: {settings.Concurrency} conversions at once, {settings.WarmUp} of warm-up, ",
            $"then {settings.Duration} measured");
        Line(text, $"- Faults: {settings.FaultRate:P1} of API requests, {settings.DuplicateWebhookRate:P1} ",
            $"of webhooks sent twice");
        text.AppendLine();
        AppendOutcomes(text, figures);
        AppendResources(text, figures.Result);
        return text.ToString();
    }

    /// <summary>Returns the first three fields of <c>/proc/loadavg</c>.</summary>
    public static string LoadAverage() =>
        string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static void AppendOutcomes(StringBuilder text, SoakFigures figures)
    {
        var result = figures.Result;
        var rate = result.Completed / result.LoadTime.TotalSeconds;
        var injected = figures.InjectedFaults.Values.Sum();
        List<(string, string)> rows =
        [
            ("Conversions started", Count(result.Total)),
            ("Completed and verified, by webhook", Count(result.Count(SoakOutcome.CompletedByWebhook))),
            ("Completed and verified, by polling", Count(result.Count(SoakOutcome.CompletedByPolling))),
            ("Records lost (must be 0)", Count(result.Count(SoakOutcome.Lost))),
            ("Wrong results or failed jobs (must be 0)", Count(result.Count(SoakOutcome.WrongResult))),
            ("Downloads failed (must be 0)", Count(result.Count(SoakOutcome.DownloadFailed))),
            ("Submissions given up after 5 tries (must be 0)", Count(result.Count(SoakOutcome.SubmitFailed))),
            ("Conversions with more than one job (must be 0)",
                $"{Count(figures.DuplicateJobs)} among {Count(figures.JobsListed)} jobs"),
            ("Throughput", string.Create(CultureInfo.InvariantCulture, $"{rate:0.0} conversions/s")),
            ("Client requests (each counted once)", Count(figures.ClientRequests)),
            ("Client retries", $"{Count(figures.ClientRetries.Values.Sum())} ({Breakdown(figures.ClientRetries)})"),
            ("Faults the emulator injected", $"{Count(injected)} ({Breakdown(figures.InjectedFaults)})"),
            ("Webhook attempts the emulator made", Count(figures.WebhookAttempts)),
            ("Webhooks the emulator abandoned after 4 attempts", Count(figures.WebhooksAbandoned)),
            .. figures.PipelineFigures,
        ];
        text.AppendLine("## Outcomes").AppendLine();
        text.AppendLine("| Figure | Value |").AppendLine("| --- | --- |");
        foreach (var (name, value) in rows)
        {
            Line(text, $"| {name} | {value} |");
        }

        text.AppendLine();
    }

    private static void AppendResources(StringBuilder text, SoakResult result)
    {
        var underLoad = result.Samples
            .Where(sample => sample.Elapsed >= result.AtWarmUpEnd.Elapsed && sample != result.AfterDrain)
            .ToList();
        text.AppendLine("## Resources of the process under test").AppendLine();
        text.AppendLine("Each sample follows a full, blocking garbage collection.").AppendLine();
        text.AppendLine("| Resource | End of warm-up | End of load | After drain | Min under load | Max under load |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        Row(text, "GC heap (MiB)", result, underLoad, sample => sample.GcHeapBytes / Mebibyte);
        Row(text, "Working set (MiB)", result, underLoad, sample => sample.WorkingSetBytes / Mebibyte);
        Row(text, "Open file descriptors", result, underLoad, sample => sample.OpenFileDescriptors);
        Row(text, "Threads", result, underLoad, sample => sample.Threads);
        Row(text, "Client connections open", result, underLoad, sample => sample.LiveConnections);
        Row(text, "Emulator resident memory (MiB, for reference)", result, underLoad,
            sample => sample.EmulatorResidentBytes / Mebibyte);
        text.AppendLine().AppendLine("### Samples").AppendLine();
        text.AppendLine("| Elapsed | Completed | GC heap (MiB) | Working set (MiB) | Descriptors | Threads | Conns |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var sample in result.Samples)
        {
            Line(text, $"| {sample.Elapsed:hh\\:mm\\:ss} | {sample.Completed:N0} | ",
                $"{sample.GcHeapBytes / Mebibyte:0.0} | {sample.WorkingSetBytes / Mebibyte:0.0} | ",
                $"{sample.OpenFileDescriptors} | {sample.Threads} | {sample.LiveConnections} |");
        }
    }

    private static void Row(
        StringBuilder text,
        string name,
        SoakResult result,
        List<ResourceSample> underLoad,
        Func<ResourceSample, double> read) =>
        Line(text, $"| {name} | {read(result.AtWarmUpEnd):0.#} | {read(result.AtLoadEnd):0.#} | ",
            $"{read(result.AfterDrain):0.#} | {underLoad.Min(read):0.#} | {underLoad.Max(read):0.#} |");

    /// <summary>Appends one line made of the parts, each formatted with the invariant culture.</summary>
    private static void Line(StringBuilder text, params FormattableString[] parts)
    {
        foreach (var part in parts)
        {
            text.Append(part.ToString(CultureInfo.InvariantCulture));
        }

        text.AppendLine();
    }

    private static string Breakdown(IReadOnlyDictionary<string, long> counts) => counts.Count == 0
        ? "none"
        : string.Join(", ", counts
            .OrderByDescending(pair => pair.Value)
            .Select(pair => $"{pair.Key} {Count(pair.Value)}"));

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Command() =>
        Environment.GetEnvironmentVariable("CTF_SOAK_COMMAND") is { Length: > 0 } command
            ? command
            : "dotnet test tests/ChangeThisFile.Reliability.Tests -c Release --filter Category=Soak";

    private static string Machine()
    {
        var cpu = File.ReadLines("/proc/cpuinfo")
            .FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':')[1].Trim()
            ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo")
            .FirstOrDefault(line => line.StartsWith("MemTotal:", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var gibibytes = memory is null ? 0 : long.Parse(memory, CultureInfo.InvariantCulture) / (1024.0 * 1024);
        var hardware = string.Create(
            CultureInfo.InvariantCulture, $"{cpu}, {Environment.ProcessorCount} logical CPUs, {gibibytes:0.#} GiB RAM");
        return $"{hardware}, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}";
    }
}
