using System.Net;
using ChangeThisFile.Emulator.Api;
using ChangeThisFile.Emulator.Conversion;
using ChangeThisFile.Emulator.Endpoints;
using ChangeThisFile.Emulator.Http;
using ChangeThisFile.Emulator.Jobs;
using ChangeThisFile.Emulator.Requests;
using ChangeThisFile.Emulator.Webhooks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Emulator.Hosting;

/// <summary>The ASP.NET Core application of one emulator and the parts its owner disposes.</summary>
internal sealed class EmulatorRuntime(WebApplication app, WebhookDispatcher dispatcher, HttpClient[] clients)
    : IAsyncDisposable
{
    public WebApplication App { get; } = app;

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync().ConfigureAwait(false);
        dispatcher.Dispose();
        foreach (var client in clients)
        {
            client.Dispose();
        }
    }
}

/// <summary>
/// Builds the web application: Kestrel on 127.0.0.1, the services, the middleware and the
/// routes.
/// </summary>
internal static class EmulatorApplication
{
    /// <summary>How long stopping waits for requests and background work to end.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    public static EmulatorRuntime Build(EmulatorContext context, ILoggerFactory loggerFactory)
    {
        var builder = CreateBuilder(context.Options.Port, loggerFactory);
        HttpClient[] clients = [CreateClient(), CreateClient()];
        var engine = new ConversionEngine(context.Options.TimeProvider, loggerFactory.CreateLogger<ConversionEngine>());
        var dispatcher = new WebhookDispatcher(context, clients[0], loggerFactory.CreateLogger<WebhookDispatcher>());
        var fetcher = new FileFetcher(clients[1], context.Options);
        var processor = new JobProcessor(
            context, engine, fetcher, dispatcher, loggerFactory.CreateLogger<JobProcessor>());
        var worker = new JobWorker(processor, context, loggerFactory.CreateLogger<JobWorker>());

        // Hosted services stop in reverse order: the worker first, then pending webhooks.
        builder.Services.AddSingleton<IHostedService>(dispatcher);
        builder.Services.AddSingleton<IHostedService>(worker);

        var app = builder.Build();
        var middleware = new ApiMiddleware(context, loggerFactory.CreateLogger<ApiMiddleware>());
        app.UseWhen(
            http => http.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase),
            branch => branch
                .Use(middleware.InjectFaultsAsync)
                .Use(middleware.WriteErrorsAsync)
                .Use(ApiMiddleware.RejectUnknownRoutesAsync)
                .Use(middleware.AuthenticateAsync));
        app.UseWhen(
            http => !http.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase),
            branch => branch.Use(ApiMiddleware.WriteRouteErrorsAsync));
        var reader = new ConversionRequestReader(context.Options, context.TempFiles);
        MapRoutes(app, context, new ConversionEndpoints(context, reader, engine, worker), dispatcher);
        return new EmulatorRuntime(app, dispatcher, clients);
    }

    // An empty host reads no configuration at all (no appsettings, no ASPNETCORE_ variables such as
    // ASPNETCORE_URLS) and has no console lifetime, so nothing from the surrounding process (a host
    // application's settings, Ctrl+C) changes an emulator.
    private static WebApplicationBuilder CreateBuilder(int port, ILoggerFactory loggerFactory)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ConversionEmulator).Assembly.GetName().Name,
            EnvironmentName = Environments.Production,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.WebHost.UseKestrelCore();
        builder.Services.AddRoutingCore();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggerFactory);
        builder.Services.AddSingleton<IHostLifetime>(new NoOpHostLifetime());
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = ShutdownTimeout);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.Limits.MaxRequestBodySize = null; // the size cap is enforced while streaming
            kestrel.AddServerHeader = false;
        });
        return builder;
    }

    private static void MapRoutes(
        WebApplication app, EmulatorContext context, ConversionEndpoints conversions, WebhookDispatcher dispatcher)
    {
        var jobs = new JobQueryEndpoints(context);
        var accounts = new AccountEndpoints(context);
        var webhooks = new WebhookEndpoints(context, dispatcher);
        var files = new FileEndpoints(context);

        app.MapPost("/v1/convert", conversions.ConvertAsync);
        app.MapPost("/v1/jobs", conversions.SubmitAsync);
        app.MapGet("/v1/jobs", jobs.ListAsync);
        app.MapGet("/v1/jobs/{jobId}", jobs.GetAsync);
        app.MapGet("/v1/usage", accounts.GetUsageAsync);
        app.MapPost("/v1/keys/free", accounts.IssueFreeKeyAsync);
        app.MapPost("/v1/keys/rotate", accounts.RotateKeyAsync);
        app.MapPost("/v1/webhooks/secret", webhooks.RotateSecretAsync);
        app.MapPost("/v1/webhooks/test", webhooks.SendTestAsync);
        app.MapGet("/files/{jobId}/{fileName}", files.DownloadAsync);
        app.MapGet("/health", http =>
        {
            http.Response.ContentType = ResponseWriter.JsonContentType;
            return http.Response.WriteAsync("""{"status":"ok"}""", http.RequestAborted);
        });
    }

    private static HttpClient CreateClient() =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
}
