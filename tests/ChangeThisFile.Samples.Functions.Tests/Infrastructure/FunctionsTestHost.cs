using System.Collections.Concurrent;
using ChangeThisFile.Samples.Functions.Functions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Samples.Functions.Tests.Infrastructure;

/// <summary>
/// Plays the Functions host's HTTP front end on Kestrel at 127.0.0.1: each app's routes under
/// <c>/apps/{name}/api/</c> call its function methods with the real ASP.NET Core request and
/// execute the returned <see cref="IActionResult"/>. Webhook requests pass through the app's
/// extra steps and the worker middleware first, as in the worker's pipeline.
/// </summary>
internal sealed class FunctionsTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, FunctionsApp> _apps = new(StringComparer.Ordinal);

    private FunctionsTestHost(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FunctionsTestHost> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddMvcCore();
        var host = new FunctionsTestHost(builder.Build());
        host.MapRoutes();
        await host._app.StartAsync();
        var address = host._app.Services.GetRequiredService<IServer>().Features
            .Get<IServerAddressesFeature>()!.Addresses.First();
        host.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return host;
    }

    /// <summary>
    /// Returns the base URL of a new app's routes, such as <c>http://127.0.0.1:1234/apps/abc/api/</c>.
    /// </summary>
    public Uri NewAppBase(out string name)
    {
        name = Guid.NewGuid().ToString("N");
        return new Uri(BaseAddress, $"apps/{name}/api/");
    }

    public void Attach(string name, FunctionsApp app) => _apps[name] = app;

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private void MapRoutes()
    {
        var apps = _app.MapGroup("/apps/{name}/api");
        apps.MapPost("/conversions", (HttpContext context, string name) => ExecuteAsync(
            context, _apps[name].Conversions.CreateUpload(context.Request, context.RequestAborted)));
        apps.MapGet("/conversions/{fileId}", (HttpContext context, string name, string fileId) => ExecuteAsync(
            context, _apps[name].Conversions.GetStatus(context.Request, fileId, context.RequestAborted)));
        apps.MapPost(
            "/webhooks/changethisfile", (HttpContext context, string name) => WebhookAsync(context, _apps[name]));
    }

    private static Task WebhookAsync(HttpContext context, FunctionsApp app)
    {
        RequestDelegate pipeline = async request =>
        {
            Interlocked.Increment(ref app.WebhookFunctionRuns);
            var result = await app.Webhook.Run(request.Request, request.RequestAborted);

            // The hook runs before the result is written, so the test can check its effects once the
            // response arrives.
            if (app.AfterWebhookFunction is { } after)
            {
                await after(request);
            }

            await result.ExecuteResultAsync(new ActionContext(request, request.GetRouteData(), new ActionDescriptor()));
        };

        if (app.UseVerificationMiddleware)
        {
            var function = pipeline;
            pipeline = request => app.Middleware.Invoke(
                new TestFunctionContext(WebhookFunction.Name, request, app.Services), _ => function(request));
        }

        foreach (var step in Enumerable.Reverse(app.StepsBeforeVerification))
        {
            var next = pipeline;
            pipeline = request => step(request, () => next(request));
        }

        return pipeline(context);
    }

    private static async Task ExecuteAsync(HttpContext context, Task<IActionResult> invocation)
    {
        var result = await invocation;
        await result.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
    }
}
