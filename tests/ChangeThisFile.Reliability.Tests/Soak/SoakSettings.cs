using System.Globalization;

namespace ChangeThisFile.Reliability.Tests.Soak;

/// <summary>The settings of a soak run, read from <c>CTF_SOAK_*</c> environment variables.</summary>
/// <param name="Duration">
/// How long the steady load runs after the warm-up: <c>CTF_SOAK_DURATION</c>, default 10 minutes.
/// </param>
/// <param name="WarmUp">
/// How long the load runs before the first resource figures: <c>CTF_SOAK_WARMUP</c>, default 2 minutes.
/// </param>
/// <param name="Concurrency">How many conversions run at once: <c>CTF_SOAK_CONCURRENCY</c>, default 8.</param>
/// <param name="FaultRate">
/// The share of API requests the emulator faults: <c>CTF_SOAK_FAULT_RATE</c>, default 0.05.
/// </param>
/// <param name="DuplicateWebhookRate">
/// The share of webhooks the emulator sends twice: <c>CTF_SOAK_DUPLICATE_RATE</c>, default 0.05.
/// </param>
/// <param name="SampleInterval">
/// How often resources are sampled: <c>CTF_SOAK_SAMPLE_INTERVAL</c>, default 30 seconds.
/// </param>
/// <param name="ReportPath">
/// Where the Markdown report goes: <c>CTF_SOAK_REPORT</c>, default in the system temporary folder.
/// </param>
public sealed record SoakSettings(
    TimeSpan Duration,
    TimeSpan WarmUp,
    int Concurrency,
    double FaultRate,
    double DuplicateWebhookRate,
    TimeSpan SampleInterval,
    string ReportPath)
{
    /// <summary>Reads the settings, with defaults for the variables that are not set.</summary>
    /// <exception cref="InvalidOperationException">A variable is set to a value that cannot be read.</exception>
    public static SoakSettings FromEnvironment() => new(
        ReadTime("CTF_SOAK_DURATION", TimeSpan.FromMinutes(10)),
        ReadTime("CTF_SOAK_WARMUP", TimeSpan.FromMinutes(2)),
        (int)ReadNumber("CTF_SOAK_CONCURRENCY", 8, 1, 256),
        ReadNumber("CTF_SOAK_FAULT_RATE", 0.05, 0, 0.5),
        ReadNumber("CTF_SOAK_DUPLICATE_RATE", 0.05, 0, 1),
        ReadTime("CTF_SOAK_SAMPLE_INTERVAL", TimeSpan.FromSeconds(30)),
        Environment.GetEnvironmentVariable("CTF_SOAK_REPORT") is { Length: > 0 } path
            ? path
            : Path.Combine(Path.GetTempPath(), "ctf-soak-report.md"));

    private static TimeSpan ReadTime(string name, TimeSpan fallback)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero
            ? value
            : throw new InvalidOperationException(
                $"{name}={text} is not a positive time span; write it as hh:mm:ss, such as 00:10:00.");
    }

    private static double ReadNumber(string name, double fallback, double min, double max)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max
            ? value
            : throw new InvalidOperationException($"{name}={text} is not a number from {min} to {max}.");
    }
}
