using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ChangeThisFile.Client.Benchmarks.Payloads;
using ChangeThisFile.Client.Serialization;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.Benchmarks.Json;

/// <summary>
/// Deserializing one job status and one webhook event of each form from the API's example
/// bodies. The baseline only tokenizes the same bytes with <see cref="Utf8JsonReader"/>, the
/// least work any JSON consumer can do.
/// </summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private static readonly Dictionary<string, string> Files = new()
    {
        ["status-completed"] = "job-status-completed.json",
        ["status-failed"] = "job-status-failed.json",
        ["event-completed"] = "webhook-job-completed.json",
        ["event-failed"] = "webhook-job-failed.json",
        ["event-test"] = "webhook-test.json",
        ["legacy-done"] = "webhook-legacy-done.json",
        ["legacy-failed"] = "webhook-legacy-failed.json",
    };

    private byte[] _body = [];

    /// <summary>
    /// The example body: a job status (<c>status-</c>), a current webhook event (<c>event-</c>)
    /// or a legacy webhook body (<c>legacy-</c>).
    /// </summary>
    [ParamsSource(nameof(Payloads))]
    public string Payload { get; set; } = "";

    public static IEnumerable<string> Payloads => Files.Keys;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _body = SamplePayloads.Read(Files[Payload]);
        if (!Deserialize())
        {
            throw new InvalidOperationException($"The example '{Payload}' did not deserialize.");
        }
    }

    [Benchmark(Baseline = true, Description = "Floor: Utf8JsonReader token scan")]
    public int Tokenize()
    {
        var reader = new Utf8JsonReader(_body);
        var tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark(Description = "Ours: job status or webhook event")]
    public bool Deserialize()
    {
        if (Payload.StartsWith("status-", StringComparison.Ordinal))
        {
            var job = JsonSerializer.Deserialize(_body, ConversionClientJsonContext.Default.ConversionJob);
            return job is not null;
        }

        return ConversionWebhookEvent.TryParse(_body, out _, out _);
    }
}
