using System.Collections.Concurrent;
using System.Globalization;
using ChangeThisFile.Client;
using ChangeThisFile.Client.Webhooks;
using ChangeThisFile.Reliability.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Reliability.Tests.Soak;

/// <summary>
/// The pieces an application builds from the SDK today: <see cref="IConversionClient"/> submits
/// each conversion by upload with a webhook URL and metadata, the receiver's handler records the
/// completion, and the client downloads the result from the URL in the event.
/// </summary>
public sealed class ClientWebhookPipeline : ISoakPipeline
{
    private const int SubmitTries = 5;
    private static readonly TimeSpan SubmitRetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan WebhookWait = TimeSpan.FromSeconds(90);

    private readonly ServiceProvider _services;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ConversionWebhookEvent>> _pending = new();
    private readonly string _runId = Guid.NewGuid().ToString("N")[..8];
    private SoakReceiver _receiver = null!;
    private long _submitRetries;
    private long _handled;
    private long _unexpectedEvents;
    private long _polled;

    private ClientWebhookPipeline(ServiceProvider services, ConnectionTracker connections)
    {
        _services = services;
        Connections = connections;
        Client = services.GetRequiredService<IConversionClient>();
    }

    public string Name => "client + webhook receiver";

    public IConversionClient Client { get; }

    /// <summary>The TCP connections of the client's pool.</summary>
    public ConnectionTracker Connections { get; }

    /// <summary>Events for conversions that were no longer waiting, which are duplicates that got through.</summary>
    public long UnexpectedEvents => Interlocked.Read(ref _unexpectedEvents);

    public static async Task<ClientWebhookPipeline> StartAsync(Uri apiBaseAddress, string apiKey, string webhookSecret)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        var tracker = new ConnectionTracker();
        services.AddConversionClient(options =>
            {
                options.BaseAddress = apiBaseAddress;
                options.ApiKey = apiKey;
                options.TrustedDownloadHosts.Add(apiBaseAddress.Authority);
            })
            .ConfigurePrimaryHttpMessageHandler((handler, _) => tracker.Attach(handler));
        var pipeline = new ClientWebhookPipeline(services.BuildServiceProvider(validateScopes: true), tracker);
        pipeline._receiver = await SoakReceiver.StartAsync(webhookSecret, pipeline.OnWebhookAsync);
        return pipeline;
    }

    public async Task<SoakOutcome> RunAsync(SoakConversion conversion, CancellationToken cancellationToken)
    {
        var completion = new TaskCompletionSource<ConversionWebhookEvent>(
            TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[conversion.Tag] = completion;
        try
        {
            var jobId = await SubmitAsync(conversion, cancellationToken);
            if (jobId is null)
            {
                return SoakOutcome.SubmitFailed;
            }

            var (resultUrl, byWebhook) = await AwaitResultAsync(completion.Task, jobId, cancellationToken);
            if (resultUrl is null)
            {
                return byWebhook ? SoakOutcome.WrongResult : SoakOutcome.Lost;
            }

            var output = await DownloadAsync(resultUrl, cancellationToken);
            if (output is null)
            {
                return SoakOutcome.DownloadFailed;
            }

            return !conversion.IsExpectedOutput(output) ? SoakOutcome.WrongResult
                : byWebhook ? SoakOutcome.CompletedByWebhook
                : SoakOutcome.CompletedByPolling;
        }
        finally
        {
            _pending.TryRemove(conversion.Tag, out _);
        }
    }

    public IReadOnlyList<(string Name, string Value)> Figures()
    {
        var handled = Interlocked.Read(ref _handled);
        return
        [
        ("TCP connections the client opened", Count(Connections.Opened)),
        ("Submissions repeated by the application (same idempotency key)", Count(Interlocked.Read(ref _submitRetries))),
        ("Events handled by the webhook handler", Count(handled)),
        ("Deliveries answered 2xx", Count(_receiver.Accepted)),
        ("Duplicate deliveries absorbed (2xx without running the handler)", Count(_receiver.Accepted - handled)),
        ("Deliveries answered 409 (same event in progress)", Count(_receiver.InProgress)),
        ("Deliveries answered with another 4xx", Count(_receiver.Rejected)),
        ("Deliveries answered 5xx", Count(_receiver.Failed)),
        ("Events for conversions no longer waiting (must be 0)", Count(UnexpectedEvents)),
        ("Conversions polled because no webhook came within 90 s", Count(Interlocked.Read(ref _polled))),
        ];
    }

    public async Task<long> CountDuplicateJobsAsync(CancellationToken cancellationToken)
    {
        var jobsPerConversion = new Dictionary<string, int>(StringComparer.Ordinal);
        var pages = new JobListOptions { PageSize = JobListOptions.MaxPageSize };
        await foreach (var job in Client.ListJobsAsync(pages, cancellationToken))
        {
            if (job.Metadata is { ValueKind: System.Text.Json.JsonValueKind.Object } metadata
                && metadata.TryGetProperty("conversion", out var tag)
                && tag.GetString() is { } conversion)
            {
                jobsPerConversion[conversion] = jobsPerConversion.GetValueOrDefault(conversion) + 1;
            }
        }

        JobsListed = jobsPerConversion.Values.Sum();
        return jobsPerConversion.Values.Count(count => count > 1);
    }

    /// <summary>The jobs with a conversion tag that <see cref="CountDuplicateJobsAsync"/> listed.</summary>
    public long JobsListed { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _services.DisposeAsync();
    }

    private Task OnWebhookAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _handled);
        var tag = webhookEvent.GetMetadataString("conversion");
        if (tag is null || !_pending.TryGetValue(tag, out var completion) || !completion.TrySetResult(webhookEvent))
        {
            Interlocked.Increment(ref _unexpectedEvents);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Submits with the conversion's own idempotency key, and repeats the submission after a
    /// failure as an application would.
    /// </summary>
    private async Task<string?> SubmitAsync(SoakConversion conversion, CancellationToken cancellationToken)
    {
        var upload = UploadContent.FromBytes(conversion.Input, conversion.FileName);
        var request = new JobUploadRequest(upload, conversion.Target)
        {
            WebhookUrl = _receiver.HookUrl,
            WebhookMetadata = new Dictionary<string, string> { ["conversion"] = conversion.Tag },
            IdempotencyKey = conversion.IdempotencyKey(_runId),
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return (await Client.SubmitJobAsync(request, cancellationToken)).JobId;
            }
            catch (Exception exception) when (attempt < SubmitTries && exception is not OperationCanceledException)
            {
                Interlocked.Increment(ref _submitRetries);
                await Task.Delay(SubmitRetryDelay, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                return null;
            }
        }
    }

    /// <summary>Waits for the webhook; without one in time, polls the job. Returns the result URL, if any.</summary>
    private async Task<(Uri? ResultUrl, bool ByWebhook)> AwaitResultAsync(
        Task<ConversionWebhookEvent> webhook, string jobId, CancellationToken cancellationToken)
    {
        try
        {
            var webhookEvent = await webhook.WaitAsync(WebhookWait, cancellationToken);
            return webhookEvent.Status == JobStatus.Completed && webhookEvent.ResultUrl is { } url
                ? (new Uri(url), true)
                : (null, true);
        }
        catch (TimeoutException)
        {
            Interlocked.Increment(ref _polled);
        }

        try
        {
            var options = new JobWaitOptions { Timeout = WebhookWait };
            var job = await Client.WaitForCompletionAsync(jobId, options, cancellationToken);
            return job.Status == JobStatus.Completed && job.Result?.FileUrl is { } url
                ? (new Uri(url), false)
                : (null, false);
        }
        catch (Exception exception) when (exception is ConversionApiException or TimeoutException
            or HttpRequestException)
        {
            return (null, false);
        }
    }

    private async Task<byte[]?> DownloadAsync(Uri resultUrl, CancellationToken cancellationToken)
    {
        using var output = new MemoryStream();
        try
        {
            await Client.DownloadAsync(resultUrl, output, cancellationToken: cancellationToken);
            return output.ToArray();
        }
        catch (Exception exception) when (exception is ConversionApiException or TimeoutException
            or HttpRequestException or IOException)
        {
            return null;
        }
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
