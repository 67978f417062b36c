using System.Diagnostics.CodeAnalysis;
using ChangeThisFile.Client.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChangeThisFile.Client.AspNetCore;

/// <summary>Configures the webhook receiver registered by <c>AddConversionWebhooks</c>.</summary>
public sealed class ConversionWebhooksBuilder
{
    internal ConversionWebhooksBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection the receiver is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers <typeparamref name="THandler"/> as the scoped <see cref="IConversionWebhookHandler"/>
    /// that <c>MapConversionWebhooks(pattern)</c> dispatches to.
    /// </summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <returns>This builder, for chaining.</returns>
    public ConversionWebhooksBuilder AddHandler<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>()
        where THandler : class, IConversionWebhookHandler
    {
        Services.Replace(ServiceDescriptor.Scoped<IConversionWebhookHandler, THandler>());
        return this;
    }

    /// <summary>
    /// Replaces the in-memory deduplication store with <typeparamref name="TStore"/>, registered
    /// as a singleton, for example one shared by every instance of the application.
    /// </summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <returns>This builder, for chaining.</returns>
    public ConversionWebhooksBuilder UseDeduplicationStore<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, IWebhookDeduplicationStore
    {
        Services.Replace(ServiceDescriptor.Singleton<IWebhookDeduplicationStore, TStore>());
        return this;
    }
}
