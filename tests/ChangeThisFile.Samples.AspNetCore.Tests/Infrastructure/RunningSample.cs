using ChangeThisFile.Client.Flow;
using ChangeThisFile.Emulator;
using ChangeThisFile.Samples.AspNetCore.Cli;
using ChangeThisFile.Samples.AspNetCore.Hosting;
using Microsoft.AspNetCore.Builder;

namespace ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;

/// <summary>
/// The sample on real Kestrel at 127.0.0.1, with its own data folder and, unless the arguments
/// turn it off, its embedded emulator: the same application <c>dotnet run</c> starts.
/// </summary>
internal sealed class RunningSample : IAsyncDisposable
{
    /// <summary>The longest a test waits for a conversion to end; a hang guard, not a timing check.</summary>
    public static readonly TimeSpan EndTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    private readonly bool _ownsData;

    private RunningSample(SampleHost host, TempFolder data, bool ownsData)
    {
        Host = host;
        Data = data;
        _ownsData = ownsData;
        Http = new HttpClient { BaseAddress = host.Address.LocalBaseUrl, Timeout = EndTimeout };
        Api = new SampleApiClient(Http);
    }

    public SampleHost Host { get; }

    public TempFolder Data { get; }

    public HttpClient Http { get; }

    public SampleApiClient Api { get; }

    /// <summary>The embedded emulator; null when the test pointed the sample at its own.</summary>
    public ConversionEmulator? Emulator => Host.Emulator;

    /// <summary>Starts the sample with a data folder of its own, or <paramref name="data"/> when given.</summary>
    public static async Task<RunningSample> StartAsync(
        IEnumerable<string>? args = null, TempFolder? data = null, Action<WebApplicationBuilder>? configure = null)
    {
        var folder = data ?? new TempFolder();
        try
        {
            var host = await SampleHost.StartAsync(
                new SampleHostOptions
                {
                    Args = ["--urls=http://127.0.0.1:0", $"--Sample:DataDirectory={folder.Path}", .. args ?? []],
                    Quiet = true,
                    ConfigureBuilder = configure,
                },
                CancellationToken.None);
            return new RunningSample(host, folder, ownsData: data is null);
        }
        catch
        {
            if (data is null)
            {
                folder.Dispose();
            }

            throw;
        }
    }

    /// <summary>Walks steps 1 and 2 over HTTP: create the upload, PUT the file, submit.</summary>
    public async Task<(CreateUploadResult Upload, SubmitResult Submitted)> UploadAndSubmitAsync(
        string path, string target)
    {
        var upload = await CreateUploadAsync(path, target);
        await using (var file = File.OpenRead(path))
        {
            await Api.UploadAsync(upload, file, CancellationToken.None);
        }

        var submitted = await Api.SubmitAsync(upload.FileId, CancellationToken.None);
        return (upload, submitted);
    }

    public Task<CreateUploadResult> CreateUploadAsync(string path, string target) =>
        Api.CreateUploadAsync(
            new Api.CreateUploadBody(Path.GetFileName(path), target, ContentTypeOf(path), new FileInfo(path).Length),
            CancellationToken.None);

    /// <summary>Polls step 4 until the file is done or failed.</summary>
    public async Task<ConversionStatus> WaitForEndAsync(string fileId)
    {
        using var guard = new CancellationTokenSource(EndTimeout);
        while (true)
        {
            var status = await Api.GetStatusAsync(fileId, guard.Token);
            if (status.State is ConversionState.Done or ConversionState.Failed)
            {
                return status;
            }

            await Task.Delay(PollInterval, guard.Token);
        }
    }

    public async Task<byte[]> DownloadAsync(Uri url)
    {
        using var buffer = new MemoryStream();
        await Api.DownloadAsync(url, buffer, CancellationToken.None);
        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
        if (_ownsData)
        {
            Data.Dispose();
        }
    }

    private static string ContentTypeOf(string path) => Path.GetExtension(path) switch
    {
        ".csv" => "text/csv",
        ".md" => "text/markdown",
        ".png" => "image/png",
        _ => "application/octet-stream",
    };
}
