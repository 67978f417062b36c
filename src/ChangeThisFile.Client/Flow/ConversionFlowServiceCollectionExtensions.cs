using ChangeThisFile.Client;
using ChangeThisFile.Client.Flow;
using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the four-step conversion flow.</summary>
public static class ConversionFlowServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConversionFlow"/> as a singleton, with <see cref="ConversionFlowOptions"/>
    /// bound from <paramref name="configuration"/> (such as the <c>ConversionFlow</c> section) and
    /// validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">
    /// The section with <c>WebhookUrl</c>, <c>AllowedTargets</c> and the other settings.
    /// </param>
    /// <returns>The service collection.</returns>
    /// <remarks>
    /// The flow also needs a ChangeThisFile client (<c>AddConversionClient</c>), an
    /// <see cref="IObjectStorage"/> and an <see cref="IConversionRecordStore"/>, such as those of the
    /// local, AWS or Azure packages; start-up fails with a message naming any that is missing.
    /// </remarks>
    public static IServiceCollection AddConversionFlow(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ConversionFlowOptions>().Bind(configuration);
        return AddCore(services);
    }

    /// <summary>
    /// Registers <see cref="IConversionFlow"/> as a singleton with options set in code, validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddConversionFlow(
        this IServiceCollection services, Action<ConversionFlowOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<ConversionFlowOptions>().Configure(configure);
        return AddCore(services);
    }

    private static IServiceCollection AddCore(IServiceCollection services)
    {
        services.AddOptions<ConversionFlowOptions>().ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ConversionFlowOptions>, ConversionFlowOptionsValidator>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ConversionFlowOptions>, ConversionFlowServicesValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new ConversionFlow(
            provider.GetRequiredService<IConversionClientFactory>(),
            provider.GetRequiredService<IObjectStorage>(),
            provider.GetRequiredService<IConversionRecordStore>(),
            provider.GetRequiredService<IOptions<ConversionFlowOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<ConversionFlow>>(),
            provider.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<IConversionFlow>(provider => provider.GetRequiredService<ConversionFlow>());
        return services;
    }
}
