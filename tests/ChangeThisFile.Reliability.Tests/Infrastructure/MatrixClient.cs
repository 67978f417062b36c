using System.Collections.Concurrent;
using ChangeThisFile.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChangeThisFile.Reliability.Tests.Infrastructure;

/// <summary>
/// The SDK's client registered with <c>AddConversionClient</c> and production defaults, on a
/// <see cref="TestClock"/>, with its connections tracked, its logs collected, and a guard that
/// lets it reach 127.0.0.1 only.
/// </summary>
public sealed class MatrixClient : IAsyncDisposable
{
    /// <summary>The API key; no exception message or log may contain it.</summary>
    public const string ApiKey = "ctf_sk_matrix_0123456789abcdef_SECRET";

    private readonly ServiceProvider _provider;

    public MatrixClient(
        Uri baseAddress,
        TestClock clock,
        string apiKey = ApiKey,
        Action<ConversionClientOptions>? configure = null,
        TimeSpan? idleTimeout = null)
    {
        Connections = new ConnectionTracker { IdleTimeout = idleTimeout };
        ConfiguredApiKey = apiKey;
        var services = new ServiceCollection();
        services.AddFakeLogging(options => options.CollectRecordsForDisabledLogLevels = true);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        services.AddSingleton<TimeProvider>(clock);
        services.AddConversionClient(options =>
            {
                options.BaseAddress = baseAddress;
                options.ApiKey = apiKey;
                configure?.Invoke(options);
            })
            .ConfigurePrimaryHttpMessageHandler((handler, _) => Connections.Attach(handler))
            .AddHttpMessageHandler(() => new LoopbackOnlyHandler(Attempts, clock));
        _provider = services.BuildServiceProvider(validateScopes: true);
        Client = _provider.GetRequiredService<IConversionClient>();
        Logs = _provider.GetRequiredService<FakeLogCollector>();
    }

    public IConversionClient Client { get; }

    /// <summary>The API key the client sends; no exception message or log may contain it.</summary>
    public string ConfiguredApiKey { get; }

    public ConnectionTracker Connections { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>Every attempt the client sent, in order, as it left the client.</summary>
    public ConcurrentQueue<SentAttempt> Attempts { get; } = new();

    /// <summary>Returns every log message and exception text, one record per line.</summary>
    public string AllLogText() =>
        string.Join('\n', Logs.GetSnapshot().Select(record => record.Message + " " + record.Exception));

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync();
        Connections.CloseConnections();
    }
}

/// <summary>One attempt as it left the client, with the fake time it was sent.</summary>
public sealed record SentAttempt(string Method, Uri Url, string? IdempotencyKey, DateTimeOffset SentAt)
{
    /// <summary>The method and path, such as <c>POST /v1/jobs</c>.</summary>
    public string Endpoint => $"{Method} {Url.AbsolutePath}";
}

/// <summary>
/// The innermost handler of every test client: it records each attempt and rejects any host but
/// 127.0.0.1, so no test can send a request beyond the machine.
/// </summary>
public sealed class LoopbackOnlyHandler(ConcurrentQueue<SentAttempt> attempts, TimeProvider clock) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        var key = request.Headers.TryGetValues("Idempotency-Key", out var values) ? values.Single() : null;
        attempts.Enqueue(new SentAttempt(request.Method.Method, url, key, clock.GetUtcNow()));
        if (url.Host != "127.0.0.1")
        {
            throw new InvalidOperationException($"A test tried to reach {url.Host}; tests may reach only 127.0.0.1.");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
