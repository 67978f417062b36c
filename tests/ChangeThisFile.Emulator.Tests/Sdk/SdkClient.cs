using ChangeThisFile.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Emulator.Tests.Sdk;

/// <summary>
/// The SDK's <see cref="IConversionClient"/>, registered with <c>AddConversionClient</c> the way
/// an application registers it and pointed at an emulator, with its logs captured.
/// </summary>
public sealed class SdkClient : IAsyncDisposable
{
    /// <summary>Short retry delays keep tests quick; the policy itself is the production one.</summary>
    public static readonly TimeSpan TestRetryBaseDelay = TimeSpan.FromMilliseconds(20);

    private readonly ServiceProvider _provider;

    private SdkClient(ServiceProvider provider, CapturedLogs logs)
    {
        _provider = provider;
        Logs = logs;
        Client = provider.GetRequiredService<IConversionClient>();
    }

    public IConversionClient Client { get; }

    public CapturedLogs Logs { get; }

    /// <summary>
    /// Creates a client for the emulator's base address and current API key that trusts the
    /// emulator's loopback host and port for result downloads.
    /// </summary>
    public static SdkClient For(
        ConversionEmulator emulator,
        Action<ConversionClientOptions>? configure = null,
        TimeProvider? timeProvider = null) =>
        Create(emulator.BaseAddress, emulator.ApiKey, configure, timeProvider);

    /// <summary>Creates a client for the emulator with another API key.</summary>
    public static SdkClient WithKey(ConversionEmulator emulator, string apiKey) =>
        Create(emulator.BaseAddress, apiKey, null, null);

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    private static SdkClient Create(
        Uri baseAddress, string apiKey, Action<ConversionClientOptions>? configure, TimeProvider? timeProvider)
    {
        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        if (timeProvider is not null)
        {
            services.AddSingleton(timeProvider);
        }

        services.AddConversionClient(options =>
        {
            options.BaseAddress = baseAddress;
            options.ApiKey = apiKey;
            options.TrustedDownloadHosts.Add(baseAddress.Authority);
            options.RetryBaseDelay = TestRetryBaseDelay;
            options.MaxRetryDelay = TestRetryBaseDelay * 4;
            configure?.Invoke(options);
        });
        return new SdkClient(services.BuildServiceProvider(validateScopes: true), logs);
    }
}
