using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using ChangeThisFile.Client.Benchmarks.Reporting;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Client.Benchmarks.Http;

/// <summary>
/// Uploading and downloading 16 MiB to 1 GiB over loopback, through the SDK and through a raw
/// <see cref="HttpClient"/> with <see cref="StreamContent"/>. The server runs in a child process
/// and only reads and counts what it receives or sends zeros, and the local ends neither
/// produce nor keep data, so the figures are the cost of the two client paths.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
[Config(typeof(TransferColumns.Config))]
public class StreamingBenchmarks
{
    private ServerProcess _server = null!;
    private ServiceProvider _services = null!;
    private IConversionClient _sdk = null!;
    private HttpClient _raw = null!;
    private Uri _fileUrl = null!;

    /// <summary>The transfer size in MiB.</summary>
    [Params(16, 256, 1024)]
    public int SizeMiB { get; set; }

    private long Bytes => SizeMiB * 1024L * 1024;

    [GlobalSetup]
    public void GlobalSetup()
    {
        _server = ServerProcess.Start();
        (_sdk, _services) = Clients.CreateSdk(_server.BaseAddress);
        _raw = Clients.CreateRaw(_server.BaseAddress);
        _fileUrl = new Uri(_server.BaseAddress, "files/" + Bytes);
        CheckByteCounts().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void GlobalCleanup()
    {
        _raw.Dispose();
        _services.Dispose();
        _server.Dispose();
    }

    [Benchmark(Baseline = true, Description = "Raw HttpClient + StreamContent")]
    [BenchmarkCategory("Upload")]
    public async Task<string> RawUpload()
    {
        using var content = new StreamContent(new GeneratedReadStream(Bytes));
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/jobs") { Content = content };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString("D"));
        using var response = await _raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync(HandWrittenJsonContext.Default.JobCreatedBody);
        return created!.JobId;
    }

    [Benchmark(Description = "SDK SubmitJobAsync")]
    [BenchmarkCategory("Upload")]
    public async Task<string> SdkUpload()
    {
        var upload = UploadContent.FromStream(new GeneratedReadStream(Bytes), "input.bin");
        var handle = await _sdk.SubmitJobAsync(new JobUploadRequest(upload, "webp"));
        return handle.JobId;
    }

    [Benchmark(Baseline = true, Description = "Raw HttpClient + CopyToAsync")]
    [BenchmarkCategory("Download")]
    public async Task<long> RawDownload()
    {
        var sink = new CountingWriteStream();
        using var response = await _raw.GetAsync(_fileUrl, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(sink);
        return sink.BytesWritten;
    }

    [Benchmark(Description = "SDK DownloadAsync")]
    [BenchmarkCategory("Download")]
    public async Task<long> SdkDownload()
    {
        var sink = new CountingWriteStream();
        var result = await _sdk.DownloadAsync(_fileUrl, sink);
        return result.BytesWritten;
    }

    private async Task CheckByteCounts()
    {
        var before = await BytesReceivedAsync();
        await RawUpload();
        await SdkUpload();
        var uploaded = await BytesReceivedAsync() - before;
        var downloads = new[] { await RawDownload(), await SdkDownload() };
        if (uploaded < 2 * Bytes || downloads.Any(count => count != Bytes))
        {
            throw new InvalidOperationException(
                $"Expected {Bytes} bytes each way; the server read {uploaded} for two uploads and the " +
                $"downloads wrote {downloads[0]} and {downloads[1]}.");
        }
    }

    private async Task<long> BytesReceivedAsync()
    {
        var text = await _raw.GetStringAsync("bytes-received");
        return long.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }
}
