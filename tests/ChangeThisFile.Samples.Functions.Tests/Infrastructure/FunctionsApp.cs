using ChangeThisFile.Samples.Functions.Functions;
using ChangeThisFile.Samples.Functions.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Samples.Functions.Tests.Infrastructure;

/// <summary>
/// The function classes built the way the Functions worker builds them: services from
/// <see cref="FunctionsServices.Configure"/>, instances created with <see cref="ActivatorUtilities"/>.
/// </summary>
internal sealed class FunctionsApp : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private FunctionsApp(ServiceProvider services, IReadOnlyDictionary<string, string?> settings)
    {
        _services = services;
        Settings = settings;
        Conversions = ActivatorUtilities.CreateInstance<ConversionFunctions>(services);
        Webhook = ActivatorUtilities.CreateInstance<WebhookFunction>(services);
        Submit = ActivatorUtilities.CreateInstance<SubmitUploadFunction>(services);
        Middleware = ActivatorUtilities.CreateInstance<WebhookVerificationMiddleware>(services);
    }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IServiceProvider Services => _services;

    public ConversionFunctions Conversions { get; }

    public WebhookFunction Webhook { get; }

    public SubmitUploadFunction Submit { get; }

    public WebhookVerificationMiddleware Middleware { get; }

    /// <summary>Whether webhook requests pass through the worker middleware, as <c>Program</c> registers it.</summary>
    public bool UseVerificationMiddleware { get; set; } = true;

    /// <summary>Middleware-style steps that run before the verification middleware, outermost first.</summary>
    public List<Func<HttpContext, Func<Task>, Task>> StepsBeforeVerification { get; } = [];

    /// <summary>How many times the webhook function was called; the middleware's rejections do not call it.</summary>
    public int WebhookFunctionRuns;

    /// <summary>
    /// Runs after the webhook function returned and before its result is written, with the same request.
    /// </summary>
    public Func<HttpContext, Task>? AfterWebhookFunction { get; set; }

    public string Container => Settings[FunctionsServices.UploadContainerSetting]!;

    /// <summary>Builds the services and validates the settings as the host does at start-up.</summary>
    public static FunctionsApp Create(IReadOnlyDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        FunctionsServices.Configure(services, configuration);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new FunctionsApp(provider, settings);
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();
}
