using System.Collections.Concurrent;
using System.Net;
using ChangeThisFile.Client.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Emulator.Tests.Sdk;

/// <summary>
/// One webhook delivery as the receiver saw it: the exact headers and body, the SDK's
/// verification and parse result, and the status the receiver answered.
/// </summary>
public sealed record ReceivedDelivery(
    int Number,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    WebhookReceiveResult Result,
    int StatusCode)
{
    public ConversionWebhookEvent Event =>
        Result.Event ?? throw new InvalidOperationException($"Delivery {Number} did not verify: {Result.Verification}");
}

/// <summary>
/// A webhook receiver on Kestrel at 127.0.0.1. Each POST to <c>/hooks</c> is checked with the
/// SDK's <see cref="WebhookSignatureVerifier"/> and parsed with its event parser; a delivery that
/// does not verify gets 401, a verified one gets the status <see cref="StatusFor"/> chooses. GET
/// requests under <c>/files/</c> serve registered files for <c>file_url</c> submissions.
/// </summary>
public sealed class SdkWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedDelivery> _deliveries = new();
    private readonly ConcurrentDictionary<string, byte[]> _files = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _arrived = new(0);
    private WebhookSignatureVerifier _verifier;
    private int _count;

    private SdkWebhookReceiver(WebApplication app, WebhookSignatureVerifier verifier)
    {
        _app = app;
        _verifier = verifier;
    }

    /// <summary>The status for the n-th verified delivery (1-based); 200 unless set.</summary>
    public Func<int, int> StatusFor { get; set; } = _ => StatusCodes.Status200OK;

    public Uri BaseAddress { get; private set; } = null!;

    public Uri HookUrl => new(BaseAddress, "hooks");

    public IReadOnlyList<ReceivedDelivery> Deliveries => [.. _deliveries];

    public static async Task<SdkWebhookReceiver> StartAsync(string secret, bool allowLegacy = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new SdkWebhookReceiver(app, CreateVerifier(secret, allowLegacy));
        app.MapPost("/hooks", receiver.ReceiveAsync);
        app.MapGet("/files/{name}", receiver.ServeAsync);
        await app.StartAsync();
        receiver.BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/");
        return receiver;
    }

    public static WebhookSignatureVerifier CreateVerifier(string secret, bool allowLegacy = false) =>
        new(new WebhookVerificationOptions { Secrets = [secret], AllowLegacySignatures = allowLegacy });

    /// <summary>Verifies later deliveries with another secret, as after a rotation.</summary>
    public void UseSecret(string secret, bool allowLegacy = false) =>
        Volatile.Write(ref _verifier, CreateVerifier(secret, allowLegacy));

    /// <summary>Serves <paramref name="body"/> at <c>/files/{name}</c> and returns its URL.</summary>
    public Uri ServeFile(string name, byte[] body)
    {
        _files[name] = body;
        return new Uri(BaseAddress, "files/" + name);
    }

    /// <summary>Waits until <paramref name="count"/> deliveries match; a hang guard, not a timing check.</summary>
    public async Task<IReadOnlyList<ReceivedDelivery>> WaitForAsync(
        Func<ReceivedDelivery, bool> predicate, int count = 1, TimeSpan? timeout = null)
    {
        using var guard = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            var matches = Deliveries.Where(predicate).ToList();
            if (matches.Count >= count)
            {
                return matches;
            }

            await _arrived.WaitAsync(guard.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var headers = context.Request.Headers.ToDictionary(
            header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var result = Volatile.Read(ref _verifier)
            .VerifyAndParse(body, headers.GetValueOrDefault(WebhookHeaders.Signature));
        var number = Interlocked.Increment(ref _count);
        var status = result.Succeeded ? StatusFor(number) : StatusCodes.Status401Unauthorized;

        _deliveries.Enqueue(new ReceivedDelivery(number, headers, body, result, status));
        _arrived.Release();
        context.Response.StatusCode = status;
    }

    private async Task ServeAsync(HttpContext context, string name)
    {
        if (!_files.TryGetValue(name, out var body))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }
}
