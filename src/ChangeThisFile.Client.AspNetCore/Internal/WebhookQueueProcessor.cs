using ChangeThisFile.Client.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.AspNetCore.Internal;

/// <summary>
/// Runs queued webhook handlers in <see cref="WebhookAcknowledgementMode.Queued"/> mode. A failing
/// handler is retried in process with a doubling delay and then given up (logged at Error). On
/// shutdown the queue stops accepting events and is drained for up to the drain timeout; events
/// still unhandled after that are cancelled and logged as dropped.
/// </summary>
internal sealed partial class WebhookQueueProcessor(
    WebhookQueue queue,
    IServiceScopeFactory scopeFactory,
    IWebhookDeduplicationStore store,
    IOptions<ConversionWebhookOptions> options,
    IOptionsMonitor<ConversionWebhookOptions> currentOptions,
    TimeProvider timeProvider,
    ILogger<WebhookQueueProcessor> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _abort = new();
    private Task[] _workers = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.Mode != WebhookAcknowledgementMode.Queued)
        {
            return Task.CompletedTask;
        }

        _workers = [.. Enumerable.Range(0, settings.QueueConcurrency).Select(_ => Task.Run(RunWorkerAsync))];
        WebhookLog.QueueStarted(logger, settings.QueueConcurrency, settings.QueueCapacity);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        queue.Complete();
        if (_workers.Length == 0)
        {
            return;
        }

        var drainTimeout = options.Value.DrainTimeout;
        WebhookLog.DrainStarted(logger, queue.Count, drainTimeout);
        using var drainSource = new CancellationTokenSource(drainTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(drainSource.Token, cancellationToken);
        try
        {
            await Task.WhenAll(_workers).WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync().ConfigureAwait(false);
            await WaitForWorkersAsync(cancellationToken).ConfigureAwait(false);
        }

        await DropRemainingAsync().ConfigureAwait(false);
    }

    public void Dispose() => _abort.Dispose();

    private async Task WaitForWorkersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.WhenAll(_workers).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's own shutdown timeout ran out; a handler ignored its cancellation token.
        }
    }

    private async Task RunWorkerAsync()
    {
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(_abort.Token).ConfigureAwait(false))
            {
                // ReadAllAsync keeps yielding buffered items after cancellation, so check before each one.
                if (_abort.IsCancellationRequested)
                {
                    await DropAsync(item).ConfigureAwait(false);
                    return;
                }

                await ProcessAsync(item).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // Drain time is up; what is left in the queue is dropped by StopAsync.
        }
    }

    private async Task ProcessAsync(QueuedWebhook item)
    {
        var settings = currentOptions.CurrentValue;
        var maxAttempts = options.Value.QueuedMaxAttempts;
        var delay = options.Value.QueuedRetryDelay;
        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            try
            {
                await using (var scope = scopeFactory.CreateAsyncScope())
                {
                    await item.Handler(scope.ServiceProvider, item.Event, _abort.Token).ConfigureAwait(false);
                }

                await MarkProcessedAsync(item, settings.DeduplicationWindow).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (_abort.IsCancellationRequested)
            {
                await DropAsync(item).ConfigureAwait(false);
                return;
            }
            catch (Exception exception)
            {
                WebhookLog.QueuedAttemptFailed(
                    logger,
                    exception,
                    item.Event.Type.Value,
                    item.Event.JobId ?? WebhookLog.None,
                    attempt,
                    maxAttempts);
            }

            if (attempt < maxAttempts && !await DelayAsync(delay * Math.Pow(2, attempt - 1)).ConfigureAwait(false))
            {
                await DropAsync(item).ConfigureAwait(false);
                return;
            }
        }

        WebhookLog.QueuedGaveUp(logger, item.Event.Type.Value, item.Event.JobId ?? WebhookLog.None, maxAttempts);
        await ReleaseAsync(item).ConfigureAwait(false);
    }

    /// <summary>Waits before a retry; false when shutdown cancelled the wait.</summary>
    private async Task<bool> DelayAsync(TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, timeProvider, _abort.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task DropRemainingAsync()
    {
        while (queue.Reader.TryRead(out var item))
        {
            await DropAsync(item).ConfigureAwait(false);
        }
    }

    private async Task DropAsync(QueuedWebhook item)
    {
        WebhookLog.DroppedAtShutdown(logger, item.Event.Type.Value, item.Event.JobId ?? WebhookLog.None);
        await ReleaseAsync(item).ConfigureAwait(false);
    }
}
