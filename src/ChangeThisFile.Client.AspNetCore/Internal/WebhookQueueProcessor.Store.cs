using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Client.AspNetCore.Internal;

internal sealed partial class WebhookQueueProcessor
{
    private async Task MarkProcessedAsync(QueuedWebhook item, TimeSpan retention)
    {
        if (item.DeduplicationKey is null)
        {
            return;
        }

        try
        {
            await store.MarkProcessedAsync(item.DeduplicationKey, retention, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            WebhookLog.StoreFailed(logger, exception, item.Event.Type.Value, item.Event.JobId ?? WebhookLog.None);
        }
    }

    private async Task ReleaseAsync(QueuedWebhook item)
    {
        if (item.DeduplicationKey is null)
        {
            return;
        }

        try
        {
            await store.ReleaseAsync(item.DeduplicationKey, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            WebhookLog.StoreFailed(logger, exception, item.Event.Type.Value, item.Event.JobId ?? WebhookLog.None);
        }
    }
}
