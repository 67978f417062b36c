using System.Collections.Concurrent;
using ChangeThisFile.Samples.Lambda.Events;
using ChangeThisFile.Samples.Lambda.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Samples.Lambda.Tests.Infrastructure;

/// <summary>
/// Plays API Gateway in front of the webhook function: Kestrel on 127.0.0.1 receives the
/// emulator's deliveries, wraps each into a proxy event (optionally with the body base64-encoded),
/// invokes the handler and responds with the status and body of its proxy response.
/// </summary>
internal sealed class ApiGatewayWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);

    private ApiGatewayWebhookReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<ApiGatewayWebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new ApiGatewayWebhookReceiver(builder.Build());
        receiver._app.MapPost("/webhooks/{name}", receiver.ForwardAsync);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    /// <summary>Returns the webhook URL of a new route; <see cref="Attach"/> connects it to a handler.</summary>
    public Uri NewWebhookUrl(out string name)
    {
        name = Guid.NewGuid().ToString("N");
        return new Uri(BaseAddress, "webhooks/" + name);
    }

    public Route Attach(string name, ILambdaHandler handler, ProxyFormat format, bool base64)
    {
        var route = new Route(handler, format, base64);
        _routes[name] = route;
        return route;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private async Task ForwardAsync(HttpContext context, string name)
    {
        if (!_routes.TryGetValue(name, out var route))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers
            .SelectMany(header => header.Value.Select(value => new KeyValuePair<string, string>(header.Key, value!)))
            .ToList();
        var request = new TestHttpRequest("POST", "/webhooks/changethisfile")
        {
            Headers = headers,
            Body = body.ToArray(),
            Base64 = route.Base64,
        };

        await using var output = await route.Handler.HandleAsync(
            new MemoryStream(request.ToEvent(route.Format)), context.RequestAborted);
        var response = await TestProxyResponse.ReadAsync(output);
        route.Responses.Enqueue(response);
        context.Response.StatusCode = response.StatusCode;
        await context.Response.WriteAsync(response.Body, context.RequestAborted);
    }

    /// <summary>A handler behind one webhook URL and every response it gave.</summary>
    public sealed record Route(ILambdaHandler Handler, ProxyFormat Format, bool Base64)
    {
        public ConcurrentQueue<TestProxyResponse> Responses { get; } = new();
    }
}
