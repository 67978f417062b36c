using ChangeThisFile.Client.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Client.Benchmarks.Load;

/// <summary>
/// The application under load: the SDK's webhook receiver in inline mode at
/// <c>POST /webhooks/ctf</c> with a handler that records each call, a bare
/// <c>POST /bare</c> that answers 200, and <c>GET /stats</c> / <c>POST /stats/reset</c>
/// for the exactly-once check.
/// </summary>
internal static class WebhookLoadServer
{
    public const string WebhookPath = "/webhooks/ctf";

    public static async Task<int> RunAsync(string url, string secret)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || !IsLoopback(address))
        {
            await Console.Error.WriteLineAsync($"The address '{url}' is not a loopback http URL; use http://127.0.0.1:PORT.");
            return 2;
        }

        var app = Build(url, secret);
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Console.WriteLine($"listening {bound}");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static WebApplication Build(string url, string secret)
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Warnings and errors only, as a production receiver would log; the console would
        // otherwise cost more than the receiver.
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(url);
        builder.Services.AddSingleton<DeliveryRecorder>();
        builder.Services
            .AddConversionWebhooks(
                verification => verification.Secrets = [secret],
                receiver => receiver.Mode = WebhookAcknowledgementMode.Inline)
            .AddHandler<RecordingHandler>();

        var app = builder.Build();
        var recorder = app.Services.GetRequiredService<DeliveryRecorder>();
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Request.Path.Equals(WebhookPath, StringComparison.Ordinal))
            {
                var verified = context.Features.Get<IConversionWebhookFeature>()?.WebhookEvent;
                recorder.RecordResponse(context.Response.StatusCode, verified);
            }
        });
        app.MapConversionWebhooks(WebhookPath);
        app.MapPost("/bare", () => Results.Ok());
        app.MapGet("/stats", () => Results.Json(recorder.Snapshot(), LoadJsonContext.Default.DeliveryStats));
        app.MapPost("/stats/reset", () =>
        {
            recorder.Reset();
            return Results.NoContent();
        });
        return app;
    }

    private static bool IsLoopback(Uri address) =>
        address.Scheme == Uri.UriSchemeHttp
        && System.Net.IPAddress.TryParse(address.Host, out var ip)
        && System.Net.IPAddress.IsLoopback(ip);
}
