using ChangeThisFile.Client.Flow;
using ChangeThisFile.Samples.AspNetCore.Hosting;

namespace ChangeThisFile.Samples.AspNetCore.Webhooks;

/// <summary>
/// Records each webhook delivery that <c>MapConversionWebhooks</c> verified and acknowledged with
/// 2xx. In inline mode a 2xx comes only after the flow handled the event, so by then the record
/// of a matched file holds the result or the failure.
/// </summary>
internal static class WebhookReceiptMiddleware
{
    /// <summary>Adds the middleware in front of the webhook endpoint.</summary>
    public static void UseWebhookReceipts(this WebApplication app)
    {
        var receipts = app.Services.GetRequiredService<WebhookReceipts>();
        app.Use(async (context, next) =>
        {
            await next(context);
            var isWebhook = context.Request.Path.Equals(SampleRoutes.Webhook, StringComparison.Ordinal);
            if (isWebhook && context.Response.StatusCode is >= 200 and <= 299
                && context.GetConversionWebhookEvent() is { } webhookEvent)
            {
                receipts.Add(new WebhookReceipt(
                    webhookEvent.Type.Value,
                    webhookEvent.GetMetadataString(ConversionFlow.FileIdMetadataKey),
                    webhookEvent.JobId,
                    context.Response.StatusCode));
            }
        });
    }
}
