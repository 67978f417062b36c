using System.Net;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ChangeThisFile.Client.Benchmarks.Payloads;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Client.Benchmarks.Http;

/// <summary>
/// The request-overhead calls with the network taken out: both clients end in the same
/// in-memory handler that returns the canned responses, so the difference is the CPU time of the
/// SDK's own code (validation, handlers, timeouts, retries, telemetry, parsing).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class InMemoryPipelineBenchmarks
{
    private static readonly Uri BaseAddress = new("http://127.0.0.1:9/");

    private ServiceProvider _services = null!;
    private IConversionClient _sdk = null!;
    private HttpClient _raw = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        var services = new ServiceCollection();
        services
            .AddConversionClient(options =>
            {
                options.ApiKey = Clients.ApiKey;
                options.BaseAddress = BaseAddress;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new CannedHandler());
        _services = services.BuildServiceProvider();
        _sdk = _services.GetRequiredService<IConversionClient>();
        _raw = new HttpClient(new CannedHandler()) { BaseAddress = BaseAddress };
        _raw.DefaultRequestHeaders.Authorization = new("Bearer", Clients.ApiKey);
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _raw.Dispose();
        _services.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Hand-written HttpClient")]
    [BenchmarkCategory("Submit by URL")]
    public Task<string> RawSubmit() => HandWrittenCalls.SubmitAsync(_raw, RequestOverheadBenchmarks.FileUrl);

    [Benchmark(Description = "SDK")]
    [BenchmarkCategory("Submit by URL")]
    public async Task<string> SdkSubmit() =>
        (await _sdk.SubmitJobFromUrlAsync(new JobUrlRequest(RequestOverheadBenchmarks.FileUrl, "webp"))).JobId;

    [Benchmark(Baseline = true, Description = "Hand-written HttpClient")]
    [BenchmarkCategory("Get status")]
    public Task<string> RawStatus() => HandWrittenCalls.StatusAsync(_raw, RequestOverheadBenchmarks.JobId);

    [Benchmark(Description = "SDK")]
    [BenchmarkCategory("Get status")]
    public async Task<string> SdkStatus() => (await _sdk.GetJobAsync(RequestOverheadBenchmarks.JobId)).Status.Value;

    /// <summary>Returns the responses of <see cref="CannedApiServer"/>, without a socket.</summary>
    private sealed class CannedHandler : HttpMessageHandler
    {
        private static readonly byte[] Created = SamplePayloads.Read("job-created.json");
        private static readonly byte[] Status = SamplePayloads.Read("job-status-completed.json");

        protected override Task<HttpResponseMessage> SendAsync(
            HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var created = request.Method == HttpMethod.Post;
            var content = new ByteArrayContent(created ? Created : Status);
            content.Headers.ContentType = new("application/json");
            var response = new HttpResponseMessage(created ? HttpStatusCode.Accepted : HttpStatusCode.OK)
            {
                Content = content,
                RequestMessage = request,
            };
            response.Headers.TryAddWithoutValidation("X-RateLimit-Limit", "1000");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "999");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Reset", "1767225600");
            return Task.FromResult(response);
        }
    }
}
