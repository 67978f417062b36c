using ChangeThisFile.Client.AspNetCore;
using ChangeThisFile.Client.Webhooks;

namespace Microsoft.AspNetCore.Http;

/// <summary>Reads the verified webhook event of a request.</summary>
public static class ConversionWebhookHttpContextExtensions
{
    /// <summary>The <c>HttpContext.Items</c> key under which the verified event is also stored.</summary>
    public const string ItemsKey = "ChangeThisFile.ConversionWebhookEvent";

    /// <summary>
    /// Returns the event verified for this request, or null when the request did not pass
    /// through webhook verification.
    /// </summary>
    /// <param name="context">The request context.</param>
    /// <returns>The verified event, or null.</returns>
    public static ConversionWebhookEvent? GetConversionWebhookEvent(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IConversionWebhookFeature>()?.WebhookEvent;
    }
}
