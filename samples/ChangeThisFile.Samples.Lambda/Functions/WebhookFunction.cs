using ChangeThisFile.Client.Flow;
using ChangeThisFile.Client.Webhooks;
using ChangeThisFile.Samples.Lambda.Events;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Samples.Lambda.Functions;

/// <summary>
/// Step 3 behind <c>POST /webhooks/changethisfile</c>: turns the event back into the exact body
/// bytes, verifies the signature over them, and hands the event to the flow, which copies a
/// result into the bucket before the delivery is acknowledged.
/// </summary>
/// <remarks>
/// Status codes: 200 once the event is applied, or recognized as a duplicate, stale or unmatched
/// (kept for an operator). 401 for a missing, stale or wrong signature, 400 for a malformed header
/// or an unreadable body, 413 for a body over the size limit, and 503 when no secret is configured.
/// 500 when storage or the API fails, so that the API delivers the event again.
/// </remarks>
public sealed partial class WebhookFunction(
    WebhookSignatureVerifier verifier, IConversionFlow flow, ILogger<WebhookFunction> logger)
    : ProxyFunction(logger)
{
    /// <inheritdoc />
    protected override async Task<ProxyResult> HandleAsync(ProxyRequest request, CancellationToken cancellationToken)
    {
        if (request.Method != "POST")
        {
            return MethodNotAllowed(request, "POST");
        }

        if (request.GetHeader(WebhookHeaders.Signature, out var signature) > 1)
        {
            Log.Rejected(logger, 400, "repeated signature header");
            return Error(400, "invalid_signature",
                "The X-CTF-Signature header appears more than once; send exactly one.");
        }

        // API Gateway base64-encodes some bodies; the signature covers the bytes, never the base64 text.
        if (!request.TryGetBody(out var body, out var bodyError))
        {
            Log.Rejected(logger, 400, "undecodable body");
            return Error(400, "invalid_request", bodyError!);
        }

        var received = verifier.VerifyAndParse(body, signature);
        if (!received.Verification.IsValid)
        {
            var (statusCode, code) = Rejection(received.Verification.Status);
            Log.Rejected(logger, statusCode, received.Verification.Status.ToString());
            return Error(statusCode, code, received.Verification.Message);
        }

        if (received.Event is not { } webhookEvent)
        {
            Log.Rejected(logger, 400, "unreadable event");
            return Error(400, "invalid_event", received.ParseError ?? "The webhook body is not a readable event.");
        }

        var handled = await flow.HandleWebhookEventAsync(webhookEvent, cancellationToken).ConfigureAwait(false);
        Log.Handled(logger, webhookEvent.Type.Value, handled.Outcome, handled.FileId, handled.JobId, handled.Reason);
        var outcome = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(handled.Outcome.ToString());
        return Json(200, new WebhookAcknowledgement(outcome), LambdaJsonContext.Default.WebhookAcknowledgement);
    }

    private static (int StatusCode, string Code) Rejection(WebhookVerificationStatus status) => status switch
    {
        WebhookVerificationStatus.MalformedHeader => (400, "invalid_signature"),
        WebhookVerificationStatus.BodyTooLarge => (413, "body_too_large"),
        WebhookVerificationStatus.NoSecretConfigured => (503, "not_configured"),
        _ => (401, "invalid_signature"),
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 210, Level = LogLevel.Warning,
            Message = "Webhook rejected with {StatusCode}: {Reason}")]
        public static partial void Rejected(ILogger logger, int statusCode, string reason);

        [LoggerMessage(EventId = 211, Level = LogLevel.Information,
            Message = "Webhook {EventType} handled: {Outcome} (file {FileId}, job {JobId}) {Reason}")]
        public static partial void Handled(
            ILogger logger, string eventType, WebhookOutcome outcome, string? fileId, string? jobId, string? reason);
    }
}
