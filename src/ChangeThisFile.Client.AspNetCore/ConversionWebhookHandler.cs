using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.AspNetCore;

/// <summary>
/// A base <see cref="IConversionWebhookHandler"/> whose methods do nothing, so a handler
/// overrides only the events it cares about. Unhandled events are still acknowledged.
/// </summary>
public abstract class ConversionWebhookHandler : IConversionWebhookHandler
{
    /// <inheritdoc />
    public virtual Task OnJobCompletedAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task OnJobFailedAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task OnTestAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <inheritdoc />
    public virtual Task OnUnknownEventAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
