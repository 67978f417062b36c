using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.AspNetCore;

/// <summary>
/// The verified webhook event of a request, set in <c>HttpContext.Features</c> by
/// <c>UseConversionWebhookVerification</c> and by <c>MapConversionWebhooks</c>.
/// </summary>
public interface IConversionWebhookFeature
{
    /// <summary>The event parsed from the verified body.</summary>
    ConversionWebhookEvent WebhookEvent { get; }

    /// <summary>The successful verification, with the form and the secret that matched.</summary>
    WebhookVerificationResult Verification { get; }
}
