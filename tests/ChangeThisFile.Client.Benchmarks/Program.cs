using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using ChangeThisFile.Client.Benchmarks.Http;
using ChangeThisFile.Client.Benchmarks.Json;
using ChangeThisFile.Client.Benchmarks.Load;
using ChangeThisFile.Client.Benchmarks.Reporting;
using ChangeThisFile.Client.Benchmarks.Webhooks;

// Usage:
//   bench [--quick] [--in-process] [--suite verify|verify-steps|json|requests|requests-in-memory|streaming]... [--artifacts DIR]
//   api-server [--exit-on-input-closed] (the canned API on a free 127.0.0.1 port)
//   allocations [--scenario status|submit|raw-status|raw-submit] [--calls N] (allocation samples by type)
//   paired [--scenario status|submit|upload-MIB|download-MIB] [--rounds N] [--calls N] (SDK beside hand-written calls, interleaved)
//   webhook-server --urls http://127.0.0.1:PORT --secret SECRET
//   sign-deliveries --secret SECRET --count N --run RUN_ID [--body-size BYTES] --out FILE
var command = args.Length > 0 ? args[0] : "bench";
Environment.SetEnvironmentVariable(ServerProcess.HostAssemblyVariable, typeof(ServerProcess).Assembly.Location);
var options = ParseOptions(args.Skip(1).ToArray());
return command switch
{
    "bench" => RunBenchmarks(options),
    "api-server" => await CannedApiServer.RunAsync(options.ContainsKey("exit-on-input-closed")),
    "allocations" => await AllocationProfile.RunAsync(
        Single(options, "scenario", "status"),
        int.Parse(Single(options, "calls", "20000"), CultureInfo.InvariantCulture)),
    "paired" => await PairedComparison.RunAsync(
        Single(options, "scenario", "status"),
        int.Parse(Single(options, "rounds", "0"), CultureInfo.InvariantCulture),
        int.Parse(Single(options, "calls", "100"), CultureInfo.InvariantCulture)),
    "webhook-server" => await WebhookLoadServer.RunAsync(
        Single(options, "urls", "http://127.0.0.1:0"), Single(options, "secret", null)),
    "sign-deliveries" => await DeliverySigner.RunAsync(
        Single(options, "secret", null),
        int.Parse(Single(options, "count", "1000"), CultureInfo.InvariantCulture),
        Single(options, "run", "run"),
        int.Parse(Single(options, "body-size", "1024"), CultureInfo.InvariantCulture),
        Single(options, "out", null)),
    _ => Usage($"Unknown command '{command}'."),
};

static int RunBenchmarks(Dictionary<string, List<string>> options)
{
    var quick = options.ContainsKey("quick");
    var suites = options.TryGetValue("suite", out var chosen) ? chosen : ["verify", "json", "requests", "streaming"];
    var artifacts = options.TryGetValue("artifacts", out var path) ? path[0] : "BenchmarkDotNet.Artifacts";

    // --in-process runs each suite in this process, which is quicker to start and noisier.
    var inProcess = options.ContainsKey("in-process");
    // Small benchmarks: a fixed number of iterations keeps a full run near 15 minutes on 2 cores.
    var micro = quick ? SmokeJob() : Job.Default.WithWarmupCount(5).WithIterationCount(15);
    // Transfers of up to 1 GiB take about a second each: one call per iteration, no pilot stage.
    var transfer = quick
        ? SmokeJob()
        : Job.Default.WithStrategy(RunStrategy.Monitoring).WithWarmupCount(2).WithIterationCount(8);

    var runs = new List<BenchmarkRunInfo>();
    foreach (var suite in suites)
    {
        var (type, job) = suite switch
        {
            "verify" => (typeof(VerificationBenchmarks), micro),
            "verify-steps" => (typeof(VerificationBreakdownBenchmarks), micro),
            "json" => (typeof(JsonBenchmarks), micro),
            "requests" => (typeof(RequestOverheadBenchmarks), micro),
            "requests-in-memory" => (typeof(InMemoryPipelineBenchmarks), micro),
            "streaming" => (typeof(StreamingBenchmarks), transfer),
            _ => (null, null),
        };
        if (type is null || job is null)
        {
            return Usage($"Unknown suite '{suite}'.");
        }

        var chosenJob = inProcess ? job.WithToolchain(InProcessEmitToolchain.Instance) : job;
        var config = DefaultConfig.Instance.AddJob(chosenJob).WithArtifactsPath(artifacts);
        runs.Add(BenchmarkConverter.TypeToBenchmarks(type, config));
    }

    // One call, so the generated benchmark project is built once for every suite.
    var summaries = BenchmarkRunner.Run([.. runs]);
    var failed = summaries
        .Where(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success))
        .Select(summary => summary.Title)
        .ToList();
    if (failed.Count > 0)
    {
        Console.Error.WriteLine($"Failed benchmarks in {string.Join(", ", failed)}; see the log above.");
        return 1;
    }

    return 0;
}

// The smoke run: one call of each benchmark, in this process, to prove that every case works.
static Job SmokeJob() => Job.Dry.WithToolchain(InProcessEmitToolchain.Instance);

static Dictionary<string, List<string>> ParseOptions(string[] arguments)
{
    var options = new Dictionary<string, List<string>>(StringComparer.Ordinal);
    for (var i = 0; i < arguments.Length; i++)
    {
        if (!arguments[i].StartsWith("--", StringComparison.Ordinal))
        {
            continue;
        }

        var name = arguments[i][2..];
        var hasValue = i + 1 < arguments.Length && !arguments[i + 1].StartsWith("--", StringComparison.Ordinal);
        if (!options.TryGetValue(name, out var values))
        {
            options[name] = values = [];
        }

        if (hasValue)
        {
            values.Add(arguments[++i]);
        }
    }

    return options;
}

static string Single(Dictionary<string, List<string>> options, string name, string? fallback) =>
    options.TryGetValue(name, out var values) && values.Count > 0
        ? values[^1]
        : fallback ?? throw new ArgumentException($"The option --{name} is missing; pass --{name} VALUE.");

static int Usage(string problem)
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine(
        "Usage: bench [--quick] [--in-process] [--suite verify|verify-steps|json|requests|requests-in-memory|streaming]... [--artifacts DIR]\n" +
        "       paired [--scenario status|submit|upload-MIB|download-MIB] [--rounds N] [--calls N]\n" +
        "       webhook-server --urls http://127.0.0.1:PORT --secret SECRET\n" +
        "       sign-deliveries --secret SECRET --count N --run RUN_ID [--body-size BYTES] --out FILE");
    return 2;
}
