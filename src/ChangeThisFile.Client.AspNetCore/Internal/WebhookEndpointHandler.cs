using ChangeThisFile.Client.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.AspNetCore.Internal;

/// <summary>
/// Serves a webhook endpoint: receives the delivery, suppresses duplicates, then handles the
/// event inline or queues it.
/// </summary>
/// <remarks>
/// A duplicate of an event that was handled gets 200 without running the handler again. A
/// duplicate that arrives while the same event is still being handled gets 409 with
/// <c>Retry-After</c>, so the sender retries later and the event is never handled twice at once.
/// A claim is marked processed only after the handler succeeded, and released when it failed.
/// </remarks>
internal sealed class WebhookEndpointHandler(
    WebhookReceiver receiver,
    WebhookQueue queue,
    IWebhookDeduplicationStore store,
    IOptions<ConversionWebhookOptions> startupOptions,
    IOptionsMonitor<ConversionWebhookOptions> options,
    ILogger<WebhookEndpointHandler> logger)
{
    public async Task HandleAsync(HttpContext context, WebhookHandlerDelegate handler)
    {
        var webhookEvent = await receiver.ReceiveAsync(context).ConfigureAwait(false);
        if (webhookEvent is null)
        {
            return;
        }

        var settings = options.CurrentValue;
        var key = settings.DeduplicationWindow > TimeSpan.Zero ? webhookEvent.DeduplicationKey : null;
        if (key is not null && !await ClaimAsync(context, webhookEvent, key, settings).ConfigureAwait(false))
        {
            return;
        }

        if (startupOptions.Value.Mode == WebhookAcknowledgementMode.Queued)
        {
            await EnqueueAsync(context, new QueuedWebhook(webhookEvent, handler, key), settings).ConfigureAwait(false);
            return;
        }

        await HandleInlineAsync(context, webhookEvent, handler, key, settings).ConfigureAwait(false);
    }

    /// <summary>Claims the event; when that fails, writes the response and returns false.</summary>
    private async Task<bool> ClaimAsync(
        HttpContext context, ConversionWebhookEvent webhookEvent, string key, ConversionWebhookOptions settings)
    {
        WebhookClaimResult claim;
        try
        {
            claim = await store.TryClaimAsync(key, settings.InFlightLease, context.RequestAborted)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            WebhookLog.StoreFailed(logger, exception, webhookEvent.Type.Value, webhookEvent.JobId ?? WebhookLog.None);
            await WebhookResponses.WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable,
                "Deduplication store unavailable", "Retry the delivery later.", settings.RetryAfter)
                .ConfigureAwait(false);
            return false;
        }

        switch (claim)
        {
            case WebhookClaimResult.Claimed:
                return true;
            case WebhookClaimResult.AlreadyProcessed:
                WebhookLog.DuplicateAcknowledged(
                    logger, webhookEvent.Type.Value, webhookEvent.JobId ?? WebhookLog.None);
                await WebhookResponses.WriteAcknowledgementAsync(context, StatusCodes.Status200OK, duplicate: true)
                    .ConfigureAwait(false);
                return false;
            default:
                WebhookLog.DuplicateInProgress(logger, webhookEvent.Type.Value, webhookEvent.JobId ?? WebhookLog.None);
                await WebhookResponses.WriteProblemAsync(context, StatusCodes.Status409Conflict, "Already in progress",
                    "Another delivery of this event is being handled; retry later.", settings.RetryAfter)
                    .ConfigureAwait(false);
                return false;
        }
    }

    private async Task HandleInlineAsync(
        HttpContext context,
        ConversionWebhookEvent webhookEvent,
        WebhookHandlerDelegate handler,
        string? key,
        ConversionWebhookOptions settings)
    {
        try
        {
            await handler(context.RequestServices, webhookEvent, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            await ReleaseAsync(webhookEvent, key).ConfigureAwait(false);
            WebhookLog.SenderDisconnected(logger, context.Request.Path);
            return;
        }
        catch (Exception exception)
        {
            await ReleaseAsync(webhookEvent, key).ConfigureAwait(false);
            WebhookLog.InlineHandlerFailed(
                logger, exception, webhookEvent.Type.Value, webhookEvent.JobId ?? WebhookLog.None);
            await WebhookResponses.WriteProblemAsync(context, StatusCodes.Status500InternalServerError,
                "Handler failed", "The event could not be handled; retry the delivery later.").ConfigureAwait(false);
            return;
        }

        if (key is not null)
        {
            await MarkProcessedAsync(webhookEvent, key, settings.DeduplicationWindow).ConfigureAwait(false);
        }

        await WebhookResponses.WriteAcknowledgementAsync(context, StatusCodes.Status200OK).ConfigureAwait(false);
    }

    private async Task EnqueueAsync(HttpContext context, QueuedWebhook item, ConversionWebhookOptions settings)
    {
        if (queue.TryEnqueue(item))
        {
            await WebhookResponses.WriteAcknowledgementAsync(context, StatusCodes.Status202Accepted)
                .ConfigureAwait(false);
            return;
        }

        await ReleaseAsync(item.Event, item.DeduplicationKey).ConfigureAwait(false);
        WebhookLog.QueueRejected(logger, item.Event.Type.Value, item.Event.JobId ?? WebhookLog.None);
        await WebhookResponses.WriteProblemAsync(context, StatusCodes.Status503ServiceUnavailable, "Queue full",
            "The receiver's queue is full or shutting down; retry the delivery later.", settings.RetryAfter)
            .ConfigureAwait(false);
    }

    private async Task MarkProcessedAsync(ConversionWebhookEvent webhookEvent, string key, TimeSpan retention)
    {
        try
        {
            await store.MarkProcessedAsync(key, retention, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The event was handled, so the sender still gets its 2xx; a later retry may repeat it.
            WebhookLog.StoreFailed(logger, exception, webhookEvent.Type.Value, webhookEvent.JobId ?? WebhookLog.None);
        }
    }

    private async Task ReleaseAsync(ConversionWebhookEvent webhookEvent, string? key)
    {
        if (key is null)
        {
            return;
        }

        try
        {
            await store.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            WebhookLog.StoreFailed(logger, exception, webhookEvent.Type.Value, webhookEvent.JobId ?? WebhookLog.None);
        }
    }
}
