using ChangeThisFile.Client.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers webhook signature verification.</summary>
public static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="WebhookSignatureVerifier"/> and <see cref="WebhookVerificationOptions"/>
    /// bound from <paramref name="configuration"/> (for example the <c>ChangeThisFile:Webhooks</c>
    /// section), validated at start-up and reread when the configuration reloads.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section holding <c>Secrets</c>, <c>Tolerance</c> and the other settings.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddConversionWebhookVerification(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<WebhookVerificationOptions>().Bind(configuration);
        return AddCore(services);
    }

    /// <summary>
    /// Registers <see cref="WebhookSignatureVerifier"/> with options set in code, validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the secrets and limits.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddConversionWebhookVerification(
        this IServiceCollection services, Action<WebhookVerificationOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<WebhookVerificationOptions>().Configure(configure);
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.AddOptions<WebhookVerificationOptions>().ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<
                IValidateOptions<WebhookVerificationOptions>, WebhookVerificationOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new WebhookSignatureVerifier(
            provider.GetRequiredService<IOptionsMonitor<WebhookVerificationOptions>>(),
            provider.GetRequiredService<TimeProvider>()));
        return services;
    }
}
