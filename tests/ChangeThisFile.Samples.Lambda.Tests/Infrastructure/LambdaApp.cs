using System.Text.Json;
using ChangeThisFile.Client.Webhooks;
using ChangeThisFile.Samples.Lambda.Events;
using ChangeThisFile.Samples.Lambda.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Samples.Lambda.Tests.Infrastructure;

/// <summary>
/// The four handlers built by <see cref="LambdaServices.Configure"/> from one set of settings,
/// invoked with event JSON the way the runtime loop invokes them.
/// </summary>
internal sealed class LambdaApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private LambdaApp(ServiceProvider services, IReadOnlyDictionary<string, string?> settings)
    {
        _services = services;
        Settings = settings;
        CreateUpload = LambdaHandlers.Resolve(services, LambdaHandlers.CreateUpload);
        SubmitUpload = LambdaHandlers.Resolve(services, LambdaHandlers.SubmitUpload);
        Webhook = LambdaHandlers.Resolve(services, LambdaHandlers.Webhook);
        Status = LambdaHandlers.Resolve(services, LambdaHandlers.Status);
    }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public string Bucket => Settings["S3Storage:BucketName"]!;

    public ILambdaHandler CreateUpload { get; }

    public ILambdaHandler SubmitUpload { get; }

    public ILambdaHandler Webhook { get; }

    public ILambdaHandler Status { get; }

    public ApiGatewayWebhookReceiver.Route WebhookRoute { get; set; } = null!;

    public IServiceProvider Services => _services;

    /// <summary>
    /// Builds the services and validates the settings as the program does at start-up.
    /// <paramref name="webhookClock"/> replaces the clock of signature verification only, so that
    /// signed field cases can be checked at their own time while storage waits in real time.
    /// </summary>
    public static LambdaApp Create(IReadOnlyDictionary<string, string?> settings, TimeProvider? webhookClock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        if (webhookClock is not null)
        {
            services.AddSingleton(provider => new WebhookSignatureVerifier(
                provider.GetRequiredService<IOptionsMonitor<WebhookVerificationOptions>>(), webhookClock));
        }

        LambdaServices.Configure(services, configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new LambdaApp(provider, settings);
    }

    public static async Task<TestProxyResponse> InvokeAsync(
        ILambdaHandler handler, TestHttpRequest request, ProxyFormat format = ProxyFormat.HttpApi)
    {
        await using var output = await handler.HandleAsync(new MemoryStream(request.ToEvent(format)), default);
        return await TestProxyResponse.ReadAsync(output);
    }

    public static async Task<JsonElement> InvokeEventAsync(ILambdaHandler handler, byte[] eventJson)
    {
        await using var output = await handler.HandleAsync(new MemoryStream(eventJson), default);
        using var document = await JsonDocument.ParseAsync(output);
        return document.RootElement.Clone();
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
