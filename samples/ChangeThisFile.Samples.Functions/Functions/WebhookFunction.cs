using ChangeThisFile.Client.Flow;
using ChangeThisFile.Samples.Functions.Http;
using ChangeThisFile.Samples.Functions.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Samples.Functions.Functions;

/// <summary>
/// Step 3, <c>POST /api/webhooks/changethisfile</c>: hands the verified event to the flow, which
/// copies a result into the container before the delivery is acknowledged.
/// </summary>
/// <remarks>
/// <see cref="WebhookVerificationMiddleware"/> verifies the delivery before this function runs.
/// When the function runs without it, it runs the same step itself, so the signature is checked
/// either way. Responds 200 once the event is applied, or recognized as a duplicate, stale or
/// unmatched (kept for an operator), and 500 when storage or the API fails, so that the API
/// delivers the event again.
/// </remarks>
public sealed partial class WebhookFunction(
    WebhookRequestVerifier verifier, IConversionFlow flow, ILogger<WebhookFunction> logger)
{
    /// <summary>The function's name, which the verification middleware is registered for.</summary>
    public const string Name = "Webhook";

    /// <summary>Applies a webhook delivery.</summary>
    /// <param name="request">The delivery.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The acknowledgement or the error.</returns>
    [Function(Name)]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "webhooks/changethisfile")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var verification = await verifier.VerifyAsync(request.HttpContext, cancellationToken).ConfigureAwait(false);
        if (verification.Delivery is not { } delivery)
        {
            return verification.ToActionResult();
        }

        try
        {
            var webhookEvent = delivery.WebhookEvent;
            var handled = await flow.HandleWebhookEventAsync(webhookEvent, cancellationToken).ConfigureAwait(false);
            Log.Handled(
                logger, webhookEvent.Type.Value, handled.Outcome, handled.FileId, handled.JobId, handled.Reason);
            var outcome = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(handled.Outcome.ToString());
            return JsonResults.Json(
                StatusCodes.Status200OK,
                new WebhookAcknowledgement(outcome),
                FunctionsJsonContext.Default.WebhookAcknowledgement);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.Failed(logger, exception, delivery.WebhookEvent.JobId);
            return JsonResults.Error(
                StatusCodes.Status500InternalServerError,
                "internal_error",
                "The event could not be stored; the API delivers it again.");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 320, Level = LogLevel.Information,
            Message = "Webhook {EventType} handled: {Outcome} (file {FileId}, job {JobId}) {Reason}")]
        public static partial void Handled(
            ILogger logger, string eventType, WebhookOutcome outcome, string? fileId, string? jobId, string? reason);

        [LoggerMessage(EventId = 321, Level = LogLevel.Error,
            Message = "Webhook for job {JobId} failed and returned 500 so that the API delivers it again")]
        public static partial void Failed(ILogger logger, Exception exception, string? jobId);
    }
}
