using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Reflection;
using ChangeThisFile.Client;
using ChangeThisFile.Client.DependencyInjection;
using ChangeThisFile.Client.Diagnostics;
using ChangeThisFile.Client.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers ChangeThisFile clients with <see cref="IHttpClientFactory"/>.</summary>
public static class ConversionClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers the unnamed client, resolvable as <see cref="IConversionClient"/>, configured by a delegate.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; the API key falls back to <c>CTF_API_KEY</c>.</param>
    /// <returns>
    /// The builder of the underlying HTTP client, for adding handlers or replacing the primary handler.
    /// </returns>
    public static IHttpClientBuilder AddConversionClient(
        this IServiceCollection services, Action<ConversionClientOptions> configure) =>
        services.AddConversionClient(Options.Options.DefaultName, configure);

    /// <summary>
    /// Registers the unnamed client, resolvable as <see cref="IConversionClient"/>, bound to a
    /// configuration section such as <c>configuration.GetSection("ChangeThisFile")</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section with the option values.</param>
    /// <returns>The builder of the underlying HTTP client.</returns>
    public static IHttpClientBuilder AddConversionClient(
        this IServiceCollection services, IConfiguration configuration) =>
        services.AddConversionClient(Options.Options.DefaultName, configuration);

    /// <summary>
    /// Registers a named client, created by <see cref="IConversionClientFactory.CreateClient"/> and
    /// resolvable as a keyed <see cref="IConversionClient"/> under <paramref name="name"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client name, also the name of its options.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The builder of the underlying HTTP client.</returns>
    public static IHttpClientBuilder AddConversionClient(
        this IServiceCollection services, string name, Action<ConversionClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = AddCore(services, name);
        services.Configure(name, configure);
        return builder;
    }

    /// <summary>Registers a named client bound to a configuration section.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="name">The client name, also the name of its options.</param>
    /// <param name="configuration">The section with the option values.</param>
    /// <returns>The builder of the underlying HTTP client.</returns>
    public static IHttpClientBuilder AddConversionClient(
        this IServiceCollection services, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var builder = AddCore(services, name);
        services.AddOptions<ConversionClientOptions>(name).Bind(configuration);
        return builder;
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        services.AddOptions<ConversionClientOptions>(name).ValidateOnStart();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ConversionClientOptions>, ConversionClientOptionsValidator>());
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IPostConfigureOptions<ConversionClientOptions>, ApiKeyFromEnvironment>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new ConversionClientMetrics(provider.GetService<IMeterFactory>()));
        services.TryAddSingleton(_ => new DownloadUrlGuard());
        services.TryAddSingleton<IConversionClientFactory, ConversionClientFactory>();
        Registry(services).Add(name);

        if (name.Length == 0)
        {
            services.TryAddTransient(
                provider => provider.GetRequiredService<IConversionClientFactory>().CreateClient(name));
        }
        else
        {
            services.AddKeyedTransient(
                name, (provider, _) => provider.GetRequiredService<IConversionClientFactory>().CreateClient(name));
        }

        return AddHttpClient(services, name);
    }

    private static IHttpClientBuilder AddHttpClient(IServiceCollection services, string name) =>
        services.AddHttpClient(ConversionClientRegistry.HttpClientName(name))
            .ConfigureHttpClient((provider, client) => ConfigureHttpClient(provider, name, client))
            .ConfigurePrimaryHttpMessageHandler(provider => CreatePrimaryHandler(provider, name))
            .RemoveAllLoggers()
            .AddHttpMessageHandler(provider => new TelemetryHandler(
                Logger(provider), provider.GetRequiredService<ConversionClientMetrics>(), Time(provider)))
            .AddHttpMessageHandler(provider => new TotalTimeoutHandler(Monitor(provider), name, Time(provider)))
            .AddHttpMessageHandler(provider => new RetryHandler(
                Monitor(provider),
                name,
                Time(provider),
                Logger(provider),
                provider.GetRequiredService<ConversionClientMetrics>()))
            .AddHttpMessageHandler(provider => new AttemptTimeoutHandler(Monitor(provider), name, Time(provider)))
            .AddHttpMessageHandler(provider => new AuthenticationHandler(Monitor(provider), name));

    private static void ConfigureHttpClient(IServiceProvider provider, string name, HttpClient client)
    {
        // The client's own timeouts apply; HttpClient's 100 s default would cut long transfers.
        client.Timeout = Timeout.InfiniteTimeSpan;
        var version = typeof(ConversionClient).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ChangeThisFile.Client", version));
        if (Monitor(provider).Get(name).UserAgentSuffix is { Length: > 0 } suffix)
        {
            client.DefaultRequestHeaders.UserAgent.TryParseAdd(suffix);
        }
    }

    private static SocketsHttpHandler CreatePrimaryHandler(IServiceProvider provider, string name)
    {
        var connector = new GuardedConnector(Monitor(provider), name);
        return new SocketsHttpHandler
        {
            // Downloads follow redirects themselves so that every location passes the URL checks.
            AllowAutoRedirect = false,
            ConnectCallback = connector.ConnectAsync,
        };
    }

    private static ConversionClientRegistry Registry(IServiceCollection services)
    {
        var existing = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(ConversionClientRegistry));
        if (existing?.ImplementationInstance is ConversionClientRegistry registry)
        {
            return registry;
        }

        registry = new ConversionClientRegistry();
        services.AddSingleton(registry);
        return registry;
    }

    private static IOptionsMonitor<ConversionClientOptions> Monitor(IServiceProvider provider) =>
        provider.GetRequiredService<IOptionsMonitor<ConversionClientOptions>>();

    private static TimeProvider Time(IServiceProvider provider) => provider.GetRequiredService<TimeProvider>();

    private static ILogger Logger(IServiceProvider provider) =>
        provider.GetRequiredService<ILoggerFactory>().CreateLogger("ChangeThisFile.Client.Http");
}
