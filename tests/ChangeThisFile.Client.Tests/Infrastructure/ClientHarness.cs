using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Client.Tests.Infrastructure;

/// <summary>
/// A client built the way applications build it (<c>AddConversionClient</c> on a service
/// collection), pointed at a loopback server, with fake logging and optionally a fake clock.
/// </summary>
public sealed class ClientHarness : IDisposable
{
    public const string ApiKey = "ctf_sk_test_0123456789abcdefSECRET";

    /// <summary>A start time for fake clocks: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _provider;

    public ClientHarness(
        Uri baseAddress,
        Action<ConversionClientOptions>? configure = null,
        FakeTimeProvider? time = null,
        Action<IServiceCollection>? services = null,
        Action<IHttpClientBuilder>? builder = null)
    {
        var collection = new ServiceCollection();
        collection.AddFakeLogging(options => options.CollectRecordsForDisabledLogLevels = true);
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        if (time is not null)
        {
            collection.AddSingleton<TimeProvider>(time);
        }

        var httpBuilder = collection.AddConversionClient(options =>
        {
            options.BaseAddress = baseAddress;
            options.ApiKey = ApiKey;
            options.RetryBaseDelay = TimeSpan.Zero;
            configure?.Invoke(options);
        });
        builder?.Invoke(httpBuilder);
        httpBuilder.AddHttpMessageHandler(() => new LoopbackGuardHandler(Hosts));
        services?.Invoke(collection);

        _provider = collection.BuildServiceProvider(validateScopes: true);
        Client = _provider.GetRequiredService<IConversionClient>();
        Logs = _provider.GetRequiredService<FakeLogCollector>();
    }

    public IConversionClient Client { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>The host of every attempt the client sent, in order.</summary>
    public ConcurrentQueue<string> Hosts { get; } = new();

    public IServiceProvider Services => _provider;

    public void Dispose() => _provider.Dispose();
}
