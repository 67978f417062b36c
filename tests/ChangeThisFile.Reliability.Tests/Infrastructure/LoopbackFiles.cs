using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Reliability.Tests.Infrastructure;

/// <summary>
/// Kestrel on 127.0.0.1 that serves an input file for <c>file_url</c> submissions at
/// <see cref="InputUrl"/> and accepts every POST at <see cref="HookUrl"/> with 200.
/// </summary>
public sealed class LoopbackFiles : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackFiles(WebApplication app, Uri baseAddress)
    {
        _app = app;
        InputUrl = new Uri(baseAddress, "in/people.csv");
        HookUrl = new Uri(baseAddress, "hook");
    }

    public Uri InputUrl { get; }

    public Uri HookUrl { get; }

    public static async Task<LoopbackFiles> StartAsync(byte[] input)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/in/people.csv", () => Results.Bytes(input, "text/csv"));
        app.MapPost("/hook", () => Results.Ok());
        await app.StartAsync();
        return new LoopbackFiles(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
