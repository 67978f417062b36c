namespace ChangeThisFile.Client.Webhooks;

public sealed partial class WebhookSignatureVerifier
{
    /// <summary>
    /// Verifies a delivery and, when it is authentic, parses the event from the same bytes. This
    /// is the safest way to receive a webhook outside ASP.NET Core, for example in a serverless
    /// function.
    /// </summary>
    /// <param name="body">The body bytes exactly as received. The event keeps a reference to them.</param>
    /// <param name="signatureHeader">The value of the <c>X-CTF-Signature</c> header, or null when absent.</param>
    /// <returns>The verification and, when valid, the event or a parse error; never throws on sender input.</returns>
    public WebhookReceiveResult VerifyAndParse(ReadOnlyMemory<byte> body, string? signatureHeader)
    {
        var verification = Verify(body.Span, signatureHeader);
        if (!verification.IsValid)
        {
            return new WebhookReceiveResult(verification, null, null);
        }

        return ConversionWebhookEvent.TryParse(body, out var webhookEvent, out var error)
            ? new WebhookReceiveResult(verification, webhookEvent, null)
            : new WebhookReceiveResult(verification, null, error);
    }
}
