using System.Buffers;
using ChangeThisFile.Client.Benchmarks.Payloads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Client.Benchmarks.Http;

/// <summary>
/// A Kestrel server on 127.0.0.1 that replaces the API with fixed responses: <c>POST /v1/jobs</c>
/// reads and counts the request body and returns the example 202, <c>GET /v1/jobs/{id}</c> returns
/// the example completed status, <c>GET /files/{bytes}</c> sends that many zero bytes, and
/// <c>GET /bytes-received</c> returns the request body bytes read so far.
/// </summary>
internal sealed class CannedApiServer : IAsyncDisposable
{
    private const int ChunkSize = 64 * 1024;
    private static readonly byte[] Zeros = new byte[ChunkSize];

    private readonly WebApplication _app;
    private readonly byte[] _created = SamplePayloads.Read("job-created.json");
    private readonly byte[] _status = SamplePayloads.Read("job-status-completed.json");
    private long _bytesReceived;

    private CannedApiServer(WebApplication app) => _app = app;

    /// <summary>The server's base address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Request body bytes read by <c>POST /v1/jobs</c> since the server started.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytesReceived);

    public static async Task<CannedApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
        var server = new CannedApiServer(builder.Build());
        server.MapRoutes();
        await server._app.StartAsync().ConfigureAwait(false);
        var address = server._app.Services.GetRequiredService<IServer>()
            .Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseAddress = new Uri(address + "/");
        return server;
    }

    /// <summary>
    /// Serves after printing <c>listening URL</c>, until the process is stopped or, when
    /// <paramref name="exitOnInputClosed"/> is set, until standard input closes, which happens
    /// when the parent benchmark process ends for any reason.
    /// </summary>
    public static async Task<int> RunAsync(bool exitOnInputClosed)
    {
        var server = await StartAsync().ConfigureAwait(false);
        await using (server.ConfigureAwait(false))
        {
            Console.WriteLine($"listening {server.BaseAddress}");
            var shutdown = server._app.WaitForShutdownAsync();
            if (exitOnInputClosed)
            {
                var inputClosed = Task.Factory.StartNew(
                    () => Console.In.ReadToEnd(), CancellationToken.None, TaskCreationOptions.LongRunning,
                    TaskScheduler.Default);
                await Task.WhenAny(shutdown, inputClosed).ConfigureAwait(false);
            }
            else
            {
                await shutdown.ConfigureAwait(false);
            }
        }

        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void MapRoutes()
    {
        _app.MapPost("/v1/jobs", SubmitAsync);
        _app.MapGet("/v1/jobs/{id}", context => WriteJsonAsync(context, StatusCodes.Status200OK, _status));
        _app.MapGet("/files/{bytes:long}", DownloadAsync);
        _app.MapGet("/bytes-received", () => BytesReceived.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task SubmitAsync(HttpContext context)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                total += read;
            }

            Interlocked.Add(ref _bytesReceived, total);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        context.Response.Headers.Location = "/v1/jobs/3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b";
        await WriteJsonAsync(context, StatusCodes.Status202Accepted, _created);
    }

    private static async Task DownloadAsync(HttpContext context)
    {
        var text = (string)context.Request.RouteValues["bytes"]!;
        var remaining = long.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = remaining;
        while (remaining > 0)
        {
            var count = (int)Math.Min(remaining, ChunkSize);
            await context.Response.Body.WriteAsync(Zeros.AsMemory(0, count), context.RequestAborted);
            remaining -= count;
        }
    }

    private static Task WriteJsonAsync(HttpContext context, int statusCode, byte[] body)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.ContentType = "application/json";
        response.ContentLength = body.Length;
        response.Headers["X-RateLimit-Limit"] = "1000";
        response.Headers["X-RateLimit-Remaining"] = "999";
        response.Headers["X-RateLimit-Reset"] = "1767225600";
        return response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }
}
