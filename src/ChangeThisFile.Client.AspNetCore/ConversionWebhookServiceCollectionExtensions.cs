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
    // A misspelt mode is short, so a longer value is cut to keep the message readable.
    private const int MaxShownValueLength = 40;

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
        services.AddOptions<ConversionWebhookOptions>().Configure(options => Bind(configuration, options));
        services.AddSingleton<IOptionsChangeTokenSource<ConversionWebhookOptions>>(
            new ConfigurationChangeTokenSource<ConversionWebhookOptions>(configuration));
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

    /// <summary>
    /// Binds the receiver options. An unknown <c>Mode</c> name is reported with the accepted names,
    /// because the binder's own message names only the target type.
    /// </summary>
    private static void Bind(IConfiguration configuration, ConversionWebhookOptions options)
    {
        try
        {
            configuration.Bind(options);
        }
        catch (InvalidOperationException) when (UnknownMode(configuration) is { } failure)
        {
            throw new OptionsValidationException(
                Options.Options.DefaultName, typeof(ConversionWebhookOptions), [failure]);
        }
    }

    private static string? UnknownMode(IConfiguration configuration)
    {
        var mode = configuration.GetSection(nameof(ConversionWebhookOptions.Mode));
        if (mode.Value is null || Enum.TryParse<WebhookAcknowledgementMode>(mode.Value, ignoreCase: true, out _))
        {
            return null;
        }

        var printable = new string(mode.Value.Where(c => !char.IsControl(c)).Take(MaxShownValueLength).ToArray());
        return $"ConversionWebhookOptions.Mode (configuration key '{mode.Path}') is '{printable}', which is not a " +
            $"mode; set one of: {string.Join(", ", Enum.GetNames<WebhookAcknowledgementMode>())}.";
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
