using ChangeThisFile.Client.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.AspNetCore.Internal;

/// <summary>
/// Reads, verifies and parses one delivery. On failure it writes the 4xx response (or 503 when
/// the receiver itself is not configured) and logs the reason; on success it exposes the event
/// through <see cref="IConversionWebhookFeature"/> and <c>HttpContext.Items</c>.
/// </summary>
internal sealed class WebhookReceiver(
    WebhookSignatureVerifier verifier,
    IOptionsMonitor<WebhookVerificationOptions> verificationOptions,
    IOptionsMonitor<ConversionWebhookOptions> receiverOptions,
    TimeProvider timeProvider,
    ILogger<WebhookReceiver> logger)
{
    private const string MissingHeaderDetail =
        "The X-CTF-Signature header is missing or empty; only signed deliveries are accepted.";

    private const string BodyTooLargeDetail = "The body is larger than the configured MaxBodySize.";

    public async Task<ConversionWebhookEvent?> ReceiveAsync(HttpContext context)
    {
        var options = receiverOptions.CurrentValue;
        var signatureHeaders = context.Request.Headers[WebhookHeaders.Signature];
        if (signatureHeaders.Count > 1)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "Repeated signature header",
                "The request carries more than one X-CTF-Signature header.").ConfigureAwait(false);
            return null;
        }

        var header = signatureHeaders.Count == 1 ? signatureHeaders[0] : null;
        if (string.IsNullOrWhiteSpace(header))
        {
            await RejectAsync(context, StatusCodes.Status401Unauthorized, "Missing signature",
                MissingHeaderDetail).ConfigureAwait(false);
            return null;
        }

        var (outcome, body) = await WebhookBodyReader
            .ReadAsync(context.Request, MaxBodySize(), options.BodyReadTimeout, timeProvider)
            .ConfigureAwait(false);
        if (outcome != BodyReadOutcome.Complete)
        {
            await RejectBodyAsync(context, outcome).ConfigureAwait(false);
            return null;
        }

        var received = verifier.VerifyAndParse(body, header);
        if (!received.Verification.IsValid)
        {
            await RejectVerificationAsync(context, received.Verification, options).ConfigureAwait(false);
            return null;
        }

        if (!received.Succeeded)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, "Unreadable event",
                received.ParseError ?? "The body could not be parsed.").ConfigureAwait(false);
            return null;
        }

        var webhookEvent = received.Event;
        context.Features.Set<IConversionWebhookFeature>(
            new ConversionWebhookFeature(webhookEvent, received.Verification));
        context.Items[ConversionWebhookHttpContextExtensions.ItemsKey] = webhookEvent;
        WebhookLog.Verified(
            logger,
            webhookEvent.Type.Value,
            webhookEvent.JobId ?? WebhookLog.None,
            received.Verification.MatchedSecretIndex);
        return webhookEvent;
    }

    /// <summary>Returns the configured cap, or the default while the options fail validation.</summary>
    private long MaxBodySize()
    {
        try
        {
            return verificationOptions.CurrentValue.MaxBodySize;
        }
        catch (OptionsValidationException)
        {
            return WebhookVerificationOptions.DefaultMaxBodySize;
        }
    }

    private Task RejectBodyAsync(HttpContext context, BodyReadOutcome outcome)
    {
        switch (outcome)
        {
            case BodyReadOutcome.TooLarge:
                return RejectAsync(context, StatusCodes.Status413PayloadTooLarge, "Body too large",
                    BodyTooLargeDetail);
            case BodyReadOutcome.TimedOut:
                return RejectAsync(context, StatusCodes.Status408RequestTimeout, "Body read timed out",
                    "The body did not arrive within the configured BodyReadTimeout.");
            case BodyReadOutcome.Malformed:
                return RejectAsync(context, StatusCodes.Status400BadRequest, "Malformed request",
                    "The request body could not be read.");
            default:
                WebhookLog.SenderDisconnected(logger, context.Request.Path);
                return Task.CompletedTask;
        }
    }

    private Task RejectVerificationAsync(
        HttpContext context, WebhookVerificationResult verification, ConversionWebhookOptions options)
    {
        var (statusCode, title) = verification.Status switch
        {
            WebhookVerificationStatus.MalformedHeader =>
                (StatusCodes.Status400BadRequest, "Malformed signature header"),
            WebhookVerificationStatus.BodyTooLarge => (StatusCodes.Status413PayloadTooLarge, "Body too large"),
            WebhookVerificationStatus.TimestampOutsideTolerance =>
                (StatusCodes.Status401Unauthorized, "Stale signature"),
            WebhookVerificationStatus.LegacyFormDisabled =>
                (StatusCodes.Status401Unauthorized, "Legacy signature disabled"),
            WebhookVerificationStatus.MissingHeader => (StatusCodes.Status401Unauthorized, "Missing signature"),
            WebhookVerificationStatus.NoSecretConfigured =>
                (StatusCodes.Status503ServiceUnavailable, "Receiver not configured"),
            _ => (StatusCodes.Status401Unauthorized, "Invalid signature"),
        };

        if (statusCode == StatusCodes.Status503ServiceUnavailable)
        {
            WebhookLog.NotConfigured(logger, context.Request.Path);
            return WebhookResponses.WriteProblemAsync(context, statusCode, title,
                "The receiver cannot verify deliveries right now.", options.RetryAfter);
        }

        return RejectAsync(context, statusCode, title, verification.Message);
    }

    private Task RejectAsync(HttpContext context, int statusCode, string title, string detail)
    {
        WebhookLog.DeliveryRejected(logger, context.Request.Path, statusCode, title, detail);
        return WebhookResponses.WriteProblemAsync(context, statusCode, title, detail);
    }
}
