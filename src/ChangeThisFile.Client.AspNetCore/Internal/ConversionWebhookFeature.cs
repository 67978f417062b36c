using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.AspNetCore.Internal;

internal sealed class ConversionWebhookFeature(
    ConversionWebhookEvent webhookEvent, WebhookVerificationResult verification)
    : IConversionWebhookFeature
{
    public ConversionWebhookEvent WebhookEvent { get; } = webhookEvent;

    public WebhookVerificationResult Verification { get; } = verification;
}
