using System.Net;
using System.Text;
using ChangeThisFile.Client.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Client.AspNetCore.Tests.Infrastructure;

public sealed class WebhookTestAppOptions
{
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Webhooks:Secrets:0"] = WebhookTestApp.Secret,
    };

    public DateTimeOffset Now { get; set; } = WebhookTestApp.Now;

    public bool UseKestrel { get; set; }

    public Action<IServiceCollection>? Services { get; set; }

    /// <summary>
    /// Builds the request pipeline; the default maps the endpoint at <see
    /// cref="WebhookTestApp.Path"/>.
    /// </summary>
    public Action<WebApplication> Pipeline { get; set; } = app => app.MapConversionWebhooks(WebhookTestApp.Path);
}

/// <summary>
/// A real ASP.NET Core application with the webhook receiver, on TestServer or on Kestrel at
/// 127.0.0.1.
/// </summary>
public sealed class WebhookTestApp : IAsyncDisposable
{
    public const string Secret = "whsec_aspnet_tests_4e7b";
    public const string Path = "/webhooks/changethisfile";
    public static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

    private WebhookTestApp(WebApplication app, ReloadableConfigurationProvider configuration, FakeTimeProvider clock)
    {
        App = app;
        Configuration = configuration;
        Clock = clock;
    }

    public WebApplication App { get; }

    public ReloadableConfigurationProvider Configuration { get; }

    public FakeTimeProvider Clock { get; }

    public HandlerProbe Probe => App.Services.GetRequiredService<HandlerProbe>();

    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    public HttpClient Client { get; private set; } = null!;

    public int Port { get; private set; }

    public static async Task<WebhookTestApp> StartAsync(Action<WebhookTestAppOptions>? configure = null)
    {
        var options = new WebhookTestAppOptions();
        configure?.Invoke(options);
        var builder = WebApplication.CreateSlimBuilder();
        var source = new ReloadableConfigurationSource(options.Settings);
        builder.Configuration.Sources.Clear();
        ((IConfigurationBuilder)builder.Configuration).Add(source);
        if (options.UseKestrel)
        {
            builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        builder.Logging.ClearProviders().AddFakeLogging().SetMinimumLevel(LogLevel.Debug);
        var clock = new FakeTimeProvider(options.Now);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<HandlerProbe>();
        builder.Services.AddConversionWebhooks(builder.Configuration.GetSection("Webhooks")).AddHandler<ProbeHandler>();
        options.Services?.Invoke(builder.Services);

        var app = builder.Build();
        options.Pipeline(app);
        var testApp = new WebhookTestApp(app, source.Provider, clock);
        await app.StartAsync();
        testApp.Connect(options.UseKestrel);
        return testApp;
    }

    public static HttpRequestMessage SignedRequest(
        byte[] body, string? header = null, DateTimeOffset? signedAt = null, string path = Path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation(
            WebhookHeaders.Signature, header ?? WebhookSigner.CreateSignatureHeader(Secret, body, signedAt ?? Now));
        return request;
    }

    public static byte[] CompletedBody(string jobId = "job-1") => Encoding.UTF8.GetBytes(
        "{\"event\":\"job.completed\",\"data\":{\"job_id\":\"" + jobId + "\",\"status\":\"completed\"," +
        "\"result\":{\"file_url\":\"https://files.example.test/out/a.pdf?sig=s3cr3t\",\"size\":5}," +
        "\"metadata\":{\"file_id\":\"f-" + jobId + "\"}}}");

    public Task<HttpResponseMessage> PostAsync(byte[] body, string? header = null) =>
        Client.SendAsync(SignedRequest(body, header, Clock.GetUtcNow()));

    /// <summary>Returns every log message and exception text, to check that no secret leaked.</summary>
    public string AllLogText() => string.Join("\n",
        Logs.GetSnapshot().Select(record => record.Message + " " + record.Exception));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private void Connect(bool kestrel)
    {
        if (!kestrel)
        {
            Client = App.GetTestClient();
            return;
        }

        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        var address = addresses.Addresses.Single();
        var uri = new Uri(address);
        Port = uri.Port;
        Client = new HttpClient { BaseAddress = uri };
    }
}
