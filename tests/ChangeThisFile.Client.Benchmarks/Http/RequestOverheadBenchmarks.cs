using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Client.Benchmarks.Http;

/// <summary>
/// One submit by URL and one status read, through the SDK and through hand-written
/// <see cref="HttpClient"/> calls that send the same fields and headers to the same server and
/// deserialize the response into records of their own. Both reuse pooled connections.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RequestOverheadBenchmarks
{
    public const string JobId = "3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b";
    public static readonly Uri FileUrl = new("https://files.example.com/in/photo.png");

    private CannedApiServer _server = null!;
    private ServiceProvider _services = null!;
    private IConversionClient _sdk = null!;
    private HttpClient _raw = null!;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _server = CannedApiServer.StartAsync().GetAwaiter().GetResult();
        (_sdk, _services) = Clients.CreateSdk(_server.BaseAddress);
        _raw = Clients.CreateRaw(_server.BaseAddress);
        CheckBothAgree().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _raw.Dispose();
        _services.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "Hand-written HttpClient")]
    [BenchmarkCategory("Submit by URL")]
    public Task<string> RawSubmit() => HandWrittenCalls.SubmitAsync(_raw, FileUrl);

    [Benchmark(Description = "SDK")]
    [BenchmarkCategory("Submit by URL")]
    public async Task<string> SdkSubmit()
    {
        var handle = await _sdk.SubmitJobFromUrlAsync(new JobUrlRequest(FileUrl, "webp"));
        return handle.JobId;
    }

    [Benchmark(Baseline = true, Description = "Hand-written HttpClient")]
    [BenchmarkCategory("Get status")]
    public Task<string> RawStatus() => HandWrittenCalls.StatusAsync(_raw, JobId);

    [Benchmark(Description = "SDK")]
    [BenchmarkCategory("Get status")]
    public async Task<string> SdkStatus()
    {
        var job = await _sdk.GetJobAsync(JobId);
        return job.Status.Value;
    }

    private async Task CheckBothAgree()
    {
        var results = new[] { await RawSubmit(), await SdkSubmit(), await RawStatus(), await SdkStatus() };
        if (results[0] != results[1] || results[2] != results[3])
        {
            throw new InvalidOperationException($"The SDK and the raw calls disagree: {string.Join(", ", results)}.");
        }
    }
}

/// <summary>The calls a hand-written integration would make, without the SDK.</summary>
internal static class HandWrittenCalls
{
    public static async Task<string> SubmitAsync(HttpClient client, Uri fileUrl, Action<HttpRequestMessage>? prepare = null)
    {
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(fileUrl.AbsoluteUri), "file_url");
        content.Add(new StringContent("webp"), "target");
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/jobs") { Content = content };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString("D"));
        prepare?.Invoke(request);

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync(HandWrittenJsonContext.Default.JobCreatedBody);
        return created!.JobId;
    }

    public static async Task<string> StatusAsync(HttpClient client, string jobId)
    {
        using var response = await client.GetAsync(
            "v1/jobs/" + Uri.EscapeDataString(jobId), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var status = await response.Content.ReadFromJsonAsync(HandWrittenJsonContext.Default.JobStatusBody);
        return status!.Status;
    }
}
