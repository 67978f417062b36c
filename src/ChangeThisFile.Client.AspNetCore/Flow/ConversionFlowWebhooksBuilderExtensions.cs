using ChangeThisFile.Client.AspNetCore;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Connects the webhook receiver to the conversion flow.</summary>
public static class ConversionFlowWebhooksBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="ConversionFlowWebhookHandler"/> as the handler that
    /// <c>MapConversionWebhooks(pattern)</c> dispatches to, so every verified event goes to the
    /// flow registered with <c>AddConversionFlow</c>.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddConversionWebhooks</c>.</param>
    /// <returns>The builder, for chaining.</returns>
    public static ConversionWebhooksBuilder AddConversionFlowHandler(this ConversionWebhooksBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddHandler<ConversionFlowWebhookHandler>();
    }
}
