using ChangeThisFile.Client.Flow;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.AspNetCore;

/// <summary>
/// Passes every verified webhook event to <see cref="IConversionFlow.HandleWebhookEventAsync"/>.
/// Register it with <c>AddConversionWebhooks(...).AddConversionFlowHandler()</c> and map it with
/// <c>MapConversionWebhooks(pattern)</c>.
/// </summary>
/// <remarks>
/// Use it with <see cref="WebhookAcknowledgementMode.Inline"/> (the default): a storage or record
/// store failure then makes the endpoint respond with 500, and the API delivers the event again. In
/// queued mode the API already has its 2xx, so an event whose queued attempts all fail is lost.
/// </remarks>
/// <param name="flow">The conversion flow.</param>
public sealed class ConversionFlowWebhookHandler(IConversionFlow flow) : IConversionWebhookHandler
{
    /// <inheritdoc />
    public Task OnJobCompletedAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        flow.HandleWebhookEventAsync(webhookEvent, cancellationToken);

    /// <inheritdoc />
    public Task OnJobFailedAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        flow.HandleWebhookEventAsync(webhookEvent, cancellationToken);

    /// <inheritdoc />
    public Task OnTestAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        flow.HandleWebhookEventAsync(webhookEvent, cancellationToken);

    /// <inheritdoc />
    public Task OnUnknownEventAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        flow.HandleWebhookEventAsync(webhookEvent, cancellationToken);
}
