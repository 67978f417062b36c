using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using ChangeThisFile.Client.Testing.Servers;
using ChangeThisFile.Client.Webhooks;
using ChangeThisFile.Emulator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Flow.Tests.Infrastructure;

/// <summary>
/// The emulator and a Kestrel application on 127.0.0.1 that hosts the flow the way an application
/// does: the client, the webhook endpoint mapped to the flow in inline mode, and one storage pair,
/// whose storage and record store are wrapped for fault injection.
/// </summary>
public abstract class FlowEnvironment : IAsyncLifetime
{
    public const string WebhookPath = "/webhooks/changethisfile";

    /// <summary>
    /// The emulator's webhook retry schedule scaled to 0.3 s, 3 s and 18 s, so a failed delivery is
    /// retried within the test.
    /// </summary>
    public const double WebhookRetryScale = 0.01;

    public static readonly string[] AllowedTargets = ["json", "csv", "html", "webp", "png"];

    private static readonly TimeSpan RecordWaitTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    private WebApplication? _app;
    private ActivityListener? _listener;

    public ConversionEmulator Emulator { get; private set; } = null!;

    public Uri BaseUrl { get; private set; } = null!;

    public IConversionFlow Flow { get; private set; } = null!;

    public FaultyObjectStorage Storage { get; private set; } = null!;

    public FaultyRecordStore Records { get; private set; } = null!;

    public FakeLogCollector Logs { get; private set; } = null!;

    /// <summary>Tag values of every span of the flow and the client, for checks that no secret leaks.</summary>
    public ConcurrentQueue<string> SpanText { get; } = new();

    public HttpClient Http { get; } = new();

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        TestEnvironment.DisableCloudMetadata();
        _listener = ListenToSpans();
        Emulator = await ConversionEmulator.StartAsync(
            new ConversionEmulatorOptions { WebhookRetryScale = WebhookRetryScale });
        BaseUrl = new Uri($"http://127.0.0.1:{ServerProcess.FindFreePort()}");

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(BaseUrl.ToString());
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace);
        builder.Services.AddFakeLogging(options => options.CollectRecordsForDisabledLogLevels = true);
        builder.Services.AddConversionClient(ConfigureClient);
        builder.Services
            .AddConversionWebhooks(
                verification => verification.Secrets.Add(Emulator.WebhookSecret),
                receiver => receiver.DeduplicationWindow = TimeSpan.Zero)
            .AddConversionFlowHandler();
        await ConfigureStorageAsync(builder.Services, BaseUrl);
        builder.Services.Decorate<IObjectStorage, FaultyObjectStorage>(inner => new FaultyObjectStorage(inner));
        builder.Services.Decorate<IConversionRecordStore, FaultyRecordStore>(inner => new FaultyRecordStore(inner));
        builder.Services.AddConversionFlow(ConfigureFlow);

        _app = builder.Build();
        _app.MapConversionWebhooks(WebhookPath);
        MapStorage(_app);
        await _app.StartAsync();
        await AfterStartAsync(Services);

        Flow = Services.GetRequiredService<IConversionFlow>();
        Storage = Services.GetRequiredService<FaultyObjectStorage>();
        Records = Services.GetRequiredService<FaultyRecordStore>();
        Logs = Services.GetRequiredService<FakeLogCollector>();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        await DisposeStorageAsync();
        _listener?.Dispose();
        Http.Dispose();
    }

    /// <summary>Turns every injected fault off before a test.</summary>
    public void ResetFaults()
    {
        Emulator.Faults.Reset();
        Storage.Reset();
        Records.Reset();
    }

    public void ConfigureClient(ConversionClientOptions options)
    {
        options.BaseAddress = Emulator.BaseAddress;
        options.ApiKey = Emulator.ApiKey;
        options.TrustedDownloadHosts.Add($"127.0.0.1:{Emulator.BaseAddress.Port}");
        options.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
    }

    /// <summary>
    /// Creates a second flow over the same storage, record store and settings, whose client is
    /// configured differently (for example without retries).
    /// </summary>
    public (ConversionFlow Flow, ServiceProvider Owner) CreateFlowWithClient(Action<ConversionClientOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddConversionClient(options =>
        {
            ConfigureClient(options);
            configure(options);
        });
        var provider = services.BuildServiceProvider();
        var flow = new ConversionFlow(
            provider.GetRequiredService<IConversionClientFactory>(),
            Storage,
            Records,
            Services.GetRequiredService<IOptions<ConversionFlowOptions>>());
        return (flow, provider);
    }

    /// <summary>Creates an upload and sends the file to its presigned URL, as a browser would.</summary>
    public async Task<CreateUploadResult> UploadAsync(
        string fileName, byte[] content, string target, string? contentType = null)
    {
        var ticket = await Flow.CreateUploadAsync(
            new CreateUploadRequest(fileName, target) { ContentType = contentType, Size = content.Length });
        using var response = await PresignedHttp.UploadAsync(Http, ticket, content);
        response.IsSuccessStatusCode.Should().BeTrue($"the presigned upload answered {(int)response.StatusCode}");
        return ticket;
    }

    public async Task<ConversionRecord> WaitForRecordAsync(string fileId, Func<ConversionRecord, bool> until)
    {
        using var timeout = new CancellationTokenSource(RecordWaitTimeout);
        ConversionRecord? record = null;
        while (!timeout.IsCancellationRequested)
        {
            record = await Records.GetAsync(fileId);
            if (record is not null && until(record))
            {
                return record;
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException(
            $"The record of {fileId} did not reach the expected state; " +
            $"last status {record?.Status}, job {record?.JobId}.");
    }

    public Task<ConversionRecord> WaitForTerminalAsync(string fileId) =>
        WaitForRecordAsync(fileId, record => record.Status.IsTerminal);

    /// <summary>
    /// Signs a body with the emulator's webhook secret and posts it to the endpoint, as the API would.
    /// </summary>
    public async Task<int> PostSignedWebhookAsync(string eventName, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(BaseUrl, WebhookPath))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-CTF-Event", eventName);
        var signature = WebhookSigner.CreateSignatureHeader(Emulator.WebhookSecret, body, DateTimeOffset.UtcNow);
        request.Headers.Add("X-CTF-Signature", signature);
        using var response = await Http.SendAsync(request);
        return (int)response.StatusCode;
    }

    /// <summary>Downloads the result through the status step's presigned URL.</summary>
    public async Task<(byte[] Body, string? ContentDisposition)> DownloadResultAsync(string fileId)
    {
        var status = await Flow.GetStatusAsync(fileId);
        status.State.Should().Be(ConversionState.Done);
        using var response = await Http.GetAsync(status.DownloadUrl);
        response.IsSuccessStatusCode.Should().BeTrue($"the result download answered {(int)response.StatusCode}");
        return (await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentDisposition?.ToString());
    }

    /// <summary>Returns the emulator's jobs that the flow created for a file.</summary>
    public IReadOnlyList<EmulatorJob> JobsOf(string fileId) =>
        [.. Emulator.Jobs.List().Where(job => job.IdempotencyKey == ConversionFlow.IdempotencyKeyFor(fileId))];

    protected abstract Task ConfigureStorageAsync(IServiceCollection services, Uri baseUrl);

    protected virtual void MapStorage(WebApplication app)
    {
    }

    protected virtual Task AfterStartAsync(IServiceProvider services) => Task.CompletedTask;

    protected virtual Task DisposeStorageAsync() => Task.CompletedTask;

    protected virtual void ConfigureFlow(ConversionFlowOptions options)
    {
        options.WebhookUrl = new Uri(BaseUrl, WebhookPath);
        foreach (var target in AllowedTargets)
        {
            options.AllowedTargets.Add(target);
        }
    }

    private ActivityListener ListenToSpans()
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("ChangeThisFile.Client", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                foreach (var tag in activity.TagObjects)
                {
                    SpanText.Enqueue($"{activity.OperationName} {tag.Key}={tag.Value}");
                }

                SpanText.Enqueue($"{activity.OperationName} status={activity.StatusDescription}");
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
