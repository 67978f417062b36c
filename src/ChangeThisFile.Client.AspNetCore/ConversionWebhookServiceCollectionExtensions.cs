using ChangeThisFile.Client.AspNetCore;
using ChangeThisFile.Client.AspNetCore.Internal;
using ChangeThisFile.Client.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the ASP.NET Core webhook receiver.</summary>
public static class ConversionWebhookServiceCollectionExtensions
{
    /// <summary>
    /// Registers webhook verification, the endpoint and middleware services, the in-memory
    /// deduplication store and the queue, with <see cref="WebhookVerificationOptions"/> and
    /// <see cref="ConversionWebhookOptions"/> both bound from <paramref name="configuration"/>
    /// (for example the <c>ChangeThisFile:Webhooks</c> section) and validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">
    /// The section holding <c>Secrets</c>, <c>Tolerance</c>, <c>Mode</c> and the other settings.
    /// </param>
    /// <returns>A builder to add a handler or replace the deduplication store.</returns>
    public static ConversionWebhooksBuilder AddConversionWebhooks(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddConversionWebhookVerification(configuration);
        services.AddOptions<ConversionWebhookOptions>().Bind(configuration);
        return AddCore(services);
    }

    /// <summary>Registers the webhook receiver with options set in code, validated at start-up.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configureVerification">Sets the secrets, tolerance, legacy opt-in and size cap.</param>
    /// <param name="configureReceiver">Sets the mode, queue, timeouts and deduplication; optional.</param>
    /// <returns>A builder to add a handler or replace the deduplication store.</returns>
    public static ConversionWebhooksBuilder AddConversionWebhooks(
        this IServiceCollection services,
        Action<WebhookVerificationOptions> configureVerification,
        Action<ConversionWebhookOptions>? configureReceiver = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configureVerification);
        services.AddConversionWebhookVerification(configureVerification);
        if (configureReceiver is not null)
        {
            services.AddOptions<ConversionWebhookOptions>().Configure(configureReceiver);
        }

        return AddCore(services);
    }

    private static ConversionWebhooksBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<ConversionWebhookOptions>().ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<
                IValidateOptions<ConversionWebhookOptions>, ConversionWebhookOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWebhookDeduplicationStore>(
            provider => new InMemoryWebhookDeduplicationStore(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<WebhookReceiver>();
        services.TryAddSingleton<WebhookQueue>();
        services.TryAddSingleton<WebhookEndpointHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Hosting.IHostedService, WebhookQueueProcessor>());
        return new ConversionWebhooksBuilder(services);
    }
}
