using System.Collections.Concurrent;
using System.Net;
using ChangeThisFile.Client.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace ChangeThisFile.Reliability.Tests.Infrastructure;

/// <summary>
/// An ASP.NET Core application on Kestrel at 127.0.0.1 with the webhook endpoint of
/// <c>MapConversionWebhooks</c>, a handler that records every event, and every log record of
/// every category kept at Trace level.
/// </summary>
public sealed class WebhookHost : IAsyncDisposable
{
    public const string Secret = "whsec_reliability_kestrel_7f3a91";
    public const string Path = "/webhooks/changethisfile";

    private readonly WebApplication _app;

    private WebhookHost(WebApplication app, int port, ConcurrentQueue<ConversionWebhookEvent> events)
    {
        _app = app;
        Port = port;
        Events = events;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>Every event the handler received, in order.</summary>
    public ConcurrentQueue<ConversionWebhookEvent> Events { get; }

    public FakeLogCollector Logs => _app.Services.GetFakeLogCollector();

    public static async Task<WebhookHost> StartAsync(TimeSpan bodyReadTimeout)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders()
            .AddFakeLogging(options => options.CollectRecordsForDisabledLogLevels = true)
            .SetMinimumLevel(LogLevel.Trace);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddConversionWebhooks(
            verification => verification.Secrets = [Secret],
            receiver => receiver.BodyReadTimeout = bodyReadTimeout);
        var app = builder.Build();
        var events = new ConcurrentQueue<ConversionWebhookEvent>();
        app.MapConversionWebhooks(Path, (webhookEvent, _) =>
        {
            events.Enqueue(webhookEvent);
            return Task.CompletedTask;
        });
        await app.StartAsync();
        return new WebhookHost(app, new Uri(app.Urls.First()).Port, events);
    }

    /// <summary>Returns every log message and exception text, one record per line.</summary>
    public string AllLogText() => LogText(_ => true);

    /// <summary>
    /// Returns the log records an application keeps in production: every record of the
    /// ChangeThisFile categories, and records of other categories at Information or above.
    /// Kestrel's own Debug records of bad requests quote the offending request bytes, so they
    /// belong to a debugging session, not to a production log.
    /// </summary>
    public string ProductionLogText() => LogText(record =>
        record.Category?.StartsWith("ChangeThisFile", StringComparison.Ordinal) == true
        || record.Level >= LogLevel.Information);

    private string LogText(Func<FakeLogRecord, bool> include) => string.Join(
        '\n',
        Logs.GetSnapshot().Where(include).Select(record => $"{record.Category} {record.Message} {record.Exception}"));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
