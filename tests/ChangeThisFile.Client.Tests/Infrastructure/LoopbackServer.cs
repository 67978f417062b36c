using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Client.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with a free port, for behaviour WireMock cannot show:
/// streamed request bodies, multipart parsing by ASP.NET Core, and responses paced over time.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The base address, ending with a slash.</summary>
    public Uri Url { get; }

    public static async Task<LoopbackServer> StartAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Limits.MaxRequestBodySize = null);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.Configure<KestrelServerOptions>(options => options.AllowSynchronousIO = false);
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        var address = app.Urls.Single();
        return new LoopbackServer(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
