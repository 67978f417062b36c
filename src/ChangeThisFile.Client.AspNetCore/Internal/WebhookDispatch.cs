using ChangeThisFile.Client.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Client.AspNetCore.Internal;

/// <summary>Runs the application's code for one event, with services from the given scope.</summary>
internal delegate Task WebhookHandlerDelegate(
    IServiceProvider services, ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken);

internal static class WebhookDispatch
{
    /// <summary>Resolves <see cref="IConversionWebhookHandler"/> and calls the method for the event type.</summary>
    public static Task ToRegisteredHandler(
        IServiceProvider services, ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        var handler = services.GetRequiredService<IConversionWebhookHandler>();
        var type = webhookEvent.Type;
        if (type == WebhookEventType.JobCompleted)
        {
            return handler.OnJobCompletedAsync(webhookEvent, cancellationToken);
        }

        if (type == WebhookEventType.JobFailed)
        {
            return handler.OnJobFailedAsync(webhookEvent, cancellationToken);
        }

        return type == WebhookEventType.WebhookTest
            ? handler.OnTestAsync(webhookEvent, cancellationToken)
            : handler.OnUnknownEventAsync(webhookEvent, cancellationToken);
    }
}
