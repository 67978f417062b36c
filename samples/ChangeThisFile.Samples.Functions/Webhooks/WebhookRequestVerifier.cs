using ChangeThisFile.Client.Webhooks;
using ChangeThisFile.Samples.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Samples.Functions.Webhooks;

/// <summary>
/// The verification step of the webhook: reads the body once (at most the configured size),
/// verifies the signature over those exact bytes, parses the event, and stores both in
/// <see cref="IVerifiedWebhookFeature"/>. The body is buffered and rewound, so any later reader,
/// the function included, reads the whole body again.
/// </summary>
/// <remarks>
/// A step that ran earlier and read the body is tolerated: a buffered body is rewound before it is
/// read. A body that an earlier step consumed without buffering cannot be recovered; it then fails
/// verification with 401 instead of throwing.
/// </remarks>
public sealed partial class WebhookRequestVerifier(
    WebhookSignatureVerifier verifier,
    IOptionsMonitor<WebhookVerificationOptions> options,
    ILogger<WebhookRequestVerifier> logger)
{
    /// <summary>Verifies the request, or returns the verification an earlier step already stored.</summary>
    /// <param name="context">The request's context.</param>
    /// <param name="cancellationToken">Cancels reading the body.</param>
    /// <returns>The verified delivery, or the rejection to respond with.</returns>
    public async Task<WebhookRequestVerification> VerifyAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<IVerifiedWebhookFeature>() is { } verified)
        {
            return WebhookRequestVerification.Verified(verified);
        }

        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method))
        {
            return Reject(
                StatusCodes.Status405MethodNotAllowed, "method_not_allowed", "Webhooks are delivered with POST.");
        }

        var signatures = request.Headers[WebhookHeaders.Signature];
        if (signatures.Count > 1)
        {
            return Reject(StatusCodes.Status400BadRequest, "invalid_signature",
                "The X-CTF-Signature header appears more than once; send exactly one.");
        }

        var maxBodySize = options.CurrentValue.MaxBodySize;
        var body = await ReadBodyAsync(request, maxBodySize, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return Reject(StatusCodes.Status413PayloadTooLarge, "body_too_large",
                "The body is larger than the configured MaxBodySize.");
        }

        var received = verifier.VerifyAndParse(body, signatures.Count == 1 ? signatures[0] : null);
        if (!received.Verification.IsValid)
        {
            var (statusCode, code) = Rejection(received.Verification.Status);
            return Reject(statusCode, code, received.Verification.Message);
        }

        if (received.Event is not { } webhookEvent)
        {
            return Reject(StatusCodes.Status400BadRequest, "invalid_event",
                received.ParseError ?? "The webhook body is not a readable event.");
        }

        var delivery = new VerifiedWebhookFeature(body, webhookEvent);
        context.Features.Set<IVerifiedWebhookFeature>(delivery);
        return WebhookRequestVerification.Verified(delivery);
    }

    /// <summary>
    /// Reads the whole body into memory and rewinds it; returns null once it exceeds
    /// <paramref name="maxBytes"/>.
    /// </summary>
    private static async Task<byte[]?> ReadBodyAsync(
        HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        // Buffering makes the body seekable, so any reader after this step reads it again.
        request.EnableBuffering();
        var stream = request.Body;
        if (stream.CanSeek)
        {
            stream.Position = 0;
        }

        var body = await RequestBodies.ReadAsync(stream, maxBytes, cancellationToken).ConfigureAwait(false);
        if (stream.CanSeek)
        {
            stream.Position = 0;
        }

        return body;
    }

    private WebhookRequestVerification Reject(int statusCode, string code, string message)
    {
        Log.Rejected(logger, statusCode, code, message);
        return WebhookRequestVerification.Rejected(statusCode, code, message);
    }

    private static (int StatusCode, string Code) Rejection(WebhookVerificationStatus status) => status switch
    {
        WebhookVerificationStatus.MalformedHeader => (StatusCodes.Status400BadRequest, "invalid_signature"),
        WebhookVerificationStatus.BodyTooLarge => (StatusCodes.Status413PayloadTooLarge, "body_too_large"),
        WebhookVerificationStatus.NoSecretConfigured => (StatusCodes.Status503ServiceUnavailable, "not_configured"),
        _ => (StatusCodes.Status401Unauthorized, "invalid_signature"),
    };

    private static partial class Log
    {
        [LoggerMessage(EventId = 300, Level = LogLevel.Warning,
            Message = "Webhook rejected with {StatusCode} {Code}: {Reason}")]
        public static partial void Rejected(ILogger logger, int statusCode, string code, string reason);
    }
}
