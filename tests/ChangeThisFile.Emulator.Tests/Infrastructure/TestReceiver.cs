using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Emulator.Tests.Infrastructure;

/// <summary>A request the receiver got, with its exact body bytes.</summary>
public sealed record ReceivedRequest(
    string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// A real HTTP server on 127.0.0.1 that plays a webhook receiver (records POSTs and responds with
/// programmable statuses and delays) and a file host for <c>file_url</c> (serves registered files).
/// </summary>
public sealed class TestReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, (byte[] Body, string ContentType)> _files = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _count;

    private TestReceiver(WebApplication app) => _app = app;

    /// <summary>The status for the n-th POST (1-based); 200 unless set.</summary>
    public Func<int, int> StatusFor { get; set; } = _ => 200;

    /// <summary>How long to wait before responding to the n-th POST (1-based); none unless set.</summary>
    public Func<int, TimeSpan> DelayFor { get; set; } = _ => TimeSpan.Zero;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public static async Task<TestReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new TestReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Urls.First());
        return receiver;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> for GET requests.</summary>
    public Uri ServeFile(string path, byte[] body, string contentType = "application/octet-stream")
    {
        _files[path] = (body, contentType);
        return Url(path);
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> POSTs arrived; a hang guard, not a
    /// timing check.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        using var guard = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (_requests.Count < count)
        {
            await _arrived.WaitAsync(guard.Token);
        }

        return Requests;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method))
        {
            await ServeAsync(context);
            return;
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var headers = context.Request.Headers.ToDictionary(
            h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var number = Interlocked.Increment(ref _count);
        var delay = DelayFor(number);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _requests.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path, headers, buffer.ToArray()));
        _arrived.Release();
        context.Response.StatusCode = StatusFor(number);
        await context.Response.WriteAsync("""{"ok":true}""");
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (!_files.TryGetValue(context.Request.Path.Value ?? string.Empty, out var file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = file.ContentType;
        context.Response.ContentLength = file.Body.Length;
        await context.Response.Body.WriteAsync(file.Body);
    }
}
