using ChangeThisFile.Client.Flow;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Samples.AspNetCore.Webhooks;

/// <summary>
/// Passes each verified webhook event to the conversion flow, then records the receipt. An
/// exception from the flow (storage or record store down, result download failed) propagates,
/// so the inline endpoint returns 500 and the API delivers the event again.
/// </summary>
internal sealed partial class FlowWebhookDispatcher(
    IConversionFlow flow, WebhookReceipts receipts, TimeProvider time, ILogger<FlowWebhookDispatcher> logger)
{
    /// <summary>Handles one verified event.</summary>
    public async Task HandleAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var result = await flow.HandleWebhookEventAsync(webhookEvent, cancellationToken);
        Log.EventHandled(logger, webhookEvent.Type.Value, result.JobId, result.FileId, result.Outcome);
        receipts.Add(new WebhookReceipt(
            webhookEvent.Type.Value, result.FileId, result.JobId, result.Outcome, time.GetUtcNow()));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information,
            Message = "Webhook {EventType} for job {JobId} (file {FileId}) verified and handled: {Outcome}")]
        public static partial void EventHandled(
            ILogger logger, string eventType, string? jobId, string? fileId, WebhookOutcome outcome);
    }
}
