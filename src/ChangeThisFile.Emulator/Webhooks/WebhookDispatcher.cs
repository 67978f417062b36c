using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using ChangeThisFile.Emulator.Accounts;
using ChangeThisFile.Emulator.Faults;
using ChangeThisFile.Emulator.Http;
using ChangeThisFile.Emulator.Jobs;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Emulator.Webhooks;

/// <summary>
/// Sends job webhooks in the background with the retry schedule, records every attempt, and
/// sends test events. Each attempt gets a fresh timestamp and signature under the account's
/// current secret. Stopping cancels pending retries.
/// </summary>
internal sealed partial class WebhookDispatcher(
    EmulatorContext context, HttpClient client, ILogger<WebhookDispatcher> logger) : IHostedService, IDisposable
{
    /// <summary>The <c>User-Agent</c> of every webhook request.</summary>
    public const string UserAgent = "ChangeThisFile-Webhook/1.0";

    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _pending = new();

    private TimeProvider Time => context.Options.TimeProvider;

    /// <summary>Starts delivery of the job's terminal event, when the job has a <c>webhook_url</c>.</summary>
    public void Dispatch(JobRecord job)
    {
        if (job.Draft.WebhookUrl is not { } url)
        {
            return;
        }

        var view = JobViews.ToResponse(job, context.ResultUrls);
        var (eventName, body) = WebhookPayloads.ForJob(view, context.Options.SignatureForm);
        var message = new WebhookMessage(url, eventName, body, job.Id, job.Draft.Account);
        var task = Task.Run(() => DeliverAsync(message, _stopping.Token));
        _pending.TryAdd(task, 0);
        task.ContinueWith(done => _pending.TryRemove(done, out _), TaskScheduler.Default);
    }

    /// <summary>Sends one <c>webhook.test</c> event, without retries, and returns the attempt.</summary>
    public async Task<WebhookDelivery> SendTestAsync(Uri url, Account account, CancellationToken cancellationToken)
    {
        var message = new WebhookMessage(url, WebhookPayloads.WebhookTest, WebhookPayloads.TestBody(), null, account);
        var delivery = await SendAttemptAsync(message, 1, isDuplicate: false, cancellationToken).ConfigureAwait(false);
        Record(delivery);
        return delivery;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_pending.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task DeliverAsync(WebhookMessage message, CancellationToken stoppingToken)
    {
        try
        {
            var fault = context.Faults.NextWebhookFault();
            if (fault == WebhookFault.Drop)
            {
                RecordDropped(message);
                return;
            }

            var delivered = await DeliverWithRetriesAsync(message, stoppingToken).ConfigureAwait(false);
            if (delivered && fault == WebhookFault.Duplicate)
            {
                Record(await SendAttemptAsync(message, 1, isDuplicate: true, stoppingToken).ConfigureAwait(false));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The emulator is stopping; remaining retries are abandoned.
        }
    }

    private async Task<bool> DeliverWithRetriesAsync(WebhookMessage message, CancellationToken stoppingToken)
    {
        var delays = ConversionEmulatorOptions.WebhookRetryDelays;
        for (var attempt = 1; ; attempt++)
        {
            var delivery = await SendAttemptAsync(message, attempt, isDuplicate: false, stoppingToken)
                .ConfigureAwait(false);
            if (delivery.Succeeded)
            {
                Record(delivery);
                return true;
            }

            if (attempt > delays.Count)
            {
                Record(delivery);
                Log.DeliveryAbandoned(logger, message.JobId ?? Log.None, attempt);
                return false;
            }

            // The schedule counts from the start of the failed attempt, not from its end.
            var delay = delays[attempt - 1] * context.Options.WebhookRetryScale;
            var shownStatus = delivery.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? Log.None;
            Log.DeliveryRetrying(logger, message.JobId ?? Log.None, attempt, shownStatus, delay);
            var remaining = delivery.SentAt + delay - Time.GetUtcNow();
            var wait = remaining > TimeSpan.Zero ? Task.Delay(remaining, Time, stoppingToken) : Task.CompletedTask;

            // The attempt is recorded only after its retry timer exists, so a test that waits for it
            // and then advances a fake clock also advances the timer.
            Record(delivery);
            await wait.ConfigureAwait(false);
        }
    }

    private async Task<WebhookDelivery> SendAttemptAsync(
        WebhookMessage message, int attempt, bool isDuplicate, CancellationToken cancellationToken)
    {
        var sentAt = Time.GetUtcNow();
        var headers = BuildHeaders(message, sentAt.ToUnixTimeSeconds());
        using var request = new HttpRequestMessage(HttpMethod.Post, message.Url)
        {
            Content = new ByteArrayContent(message.Body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers.Where(header => header.Key != "Content-Type"))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var (status, error) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var delivery = new WebhookDelivery
        {
            Url = message.Url,
            Event = message.EventName,
            JobId = message.JobId,
            Attempt = attempt,
            IsDuplicate = isDuplicate,
            Headers = headers,
            Body = message.Body,
            StatusCode = status,
            Error = error,
            SentAt = sentAt,
        };
        var shownStatus = status?.ToString(CultureInfo.InvariantCulture) ?? Log.None;
        Log.DeliveryAttempted(
            logger,
            message.EventName,
            message.JobId ?? Log.None,
            attempt,
            message.ShownUrl,
            shownStatus,
            error ?? Log.None);
        return delivery;
    }

    private void Record(WebhookDelivery delivery) => context.Deliveries.Add(delivery);

    private async Task<(int? Status, string? Error)> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(context.Options.WebhookTimeout, TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var response = await client
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token)
                .ConfigureAwait(false);
            return ((int)response.StatusCode, null);
        }
        catch (OperationCanceledException)
            when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return (null, $"timed out after {context.Options.WebhookTimeout}");
        }
        catch (HttpRequestException ex)
        {
            return (null, "request failed: " + ex.HttpRequestError);
        }
    }

    private Dictionary<string, string> BuildHeaders(WebhookMessage message, long timestamp)
    {
        var secret = message.Account.WebhookSecret;
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/json",
            ["User-Agent"] = UserAgent,
            ["X-CTF-Event"] = message.EventName,
            [WebhookSigner.HeaderName] = WebhookSigner.CreateHeader(
                context.Options.SignatureForm, secret, timestamp, message.Body),
        };
    }

    private void RecordDropped(WebhookMessage message)
    {
        var now = Time.GetUtcNow();
        context.Deliveries.Add(new WebhookDelivery
        {
            Url = message.Url,
            Event = message.EventName,
            JobId = message.JobId,
            Attempt = 1,
            Dropped = true,
            Headers = BuildHeaders(message, now.ToUnixTimeSeconds()),
            Body = message.Body,
            Error = "dropped by fault injection",
            SentAt = now,
        });
        Log.DeliveryDropped(logger, message.JobId ?? Log.None);
    }

    private sealed record WebhookMessage(Uri Url, string EventName, byte[] Body, string? JobId, Account Account)
    {
        /// <summary>The URL without its query string, for logs.</summary>
        public string ShownUrl { get; } = UrlRules.Redact(Url);
    }

    private static partial class Log
    {
        /// <summary>The text logged in place of a missing value, instead of the formatter's "(null)".</summary>
        public const string None = "none";

        [LoggerMessage(EventId = 3001, Level = LogLevel.Information,
            Message = "Webhook {Event} for job {JobId}, attempt {Attempt}, to {Url}: status {Status}, error {Error}")]
        public static partial void DeliveryAttempted(
            ILogger logger, string @event, string jobId, int attempt, string url, string status, string error);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Warning,
            Message = "Webhook for job {JobId} failed on attempt {Attempt} (status {Status}); retrying in {Delay}")]
        public static partial void DeliveryRetrying(
            ILogger logger, string jobId, int attempt, string status, TimeSpan delay);

        [LoggerMessage(EventId = 3003, Level = LogLevel.Warning,
            Message = "Webhook for job {JobId} abandoned after {Attempts} attempts")]
        public static partial void DeliveryAbandoned(ILogger logger, string jobId, int attempts);

        [LoggerMessage(EventId = 3004, Level = LogLevel.Information,
            Message = "Webhook for job {JobId} dropped by fault injection")]
        public static partial void DeliveryDropped(ILogger logger, string jobId);
    }
}
