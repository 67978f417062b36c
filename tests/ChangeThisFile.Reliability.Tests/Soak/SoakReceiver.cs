using System.Net;
using ChangeThisFile.Client.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Reliability.Tests.Soak;

/// <summary>
/// The application side of a soak run: Kestrel at 127.0.0.1 with the SDK's webhook endpoint
/// (<c>MapConversionWebhooks</c>, in-memory deduplication) passing each verified event to a
/// handler, and counts of the deliveries by the status they got.
/// </summary>
public sealed class SoakReceiver : IAsyncDisposable
{
    /// <summary>
    /// How long a handled event is remembered. The emulator's duplicates and retries arrive within
    /// seconds, and a short window keeps the store's size flat during a long run.
    /// </summary>
    public static readonly TimeSpan DeduplicationWindow = TimeSpan.FromMinutes(1);

    public const string Path = "/webhooks/changethisfile";

    private readonly WebApplication _app;
    private long _accepted;
    private long _inProgress;
    private long _rejected;
    private long _failed;

    private SoakReceiver(WebApplication app) => _app = app;

    public Uri HookUrl { get; private set; } = null!;

    /// <summary>Deliveries answered with 2xx: handled events and acknowledged duplicates.</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Deliveries answered 409 because the same event was being handled.</summary>
    public long InProgress => Interlocked.Read(ref _inProgress);

    /// <summary>Deliveries answered with another 4xx, such as a failed signature check.</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Deliveries answered with 5xx.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    public static async Task<SoakReceiver> StartAsync(
        string secret, Func<ConversionWebhookEvent, CancellationToken, Task> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddConversionWebhooks(
            verification => verification.Secrets = [secret],
            receiver => receiver.DeduplicationWindow = DeduplicationWindow);
        var app = builder.Build();
        var receiver = new SoakReceiver(app);
        app.Use(receiver.CountAsync);
        app.MapConversionWebhooks(Path, handler);
        await app.StartAsync();
        receiver.HookUrl = new Uri(new Uri(app.Urls.First()), Path);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task CountAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        var status = context.Response.StatusCode;
        if (status is >= 200 and < 300)
        {
            Interlocked.Increment(ref _accepted);
        }
        else if (status == StatusCodes.Status409Conflict)
        {
            Interlocked.Increment(ref _inProgress);
        }
        else if (status >= 500)
        {
            Interlocked.Increment(ref _failed);
        }
        else
        {
            Interlocked.Increment(ref _rejected);
        }
    }
}
