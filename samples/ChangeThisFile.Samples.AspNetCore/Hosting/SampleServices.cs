using ChangeThisFile.Client.AspNetCore;
using ChangeThisFile.Client.Flow;
using ChangeThisFile.Client.Local;
using ChangeThisFile.Samples.AspNetCore.Api;
using ChangeThisFile.Samples.AspNetCore.Diagnostics;
using ChangeThisFile.Samples.AspNetCore.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Samples.AspNetCore.Hosting;

/// <summary>
/// The sample's services and endpoints: the flow over the configured storage, its HTTP API and the page.
/// </summary>
internal static class SampleServices
{
    /// <summary>The section bound to the API client's options.</summary>
    public const string ClientSection = "ChangeThisFile:Client";

    /// <summary>The section bound to the webhook receiver's options.</summary>
    public const string WebhooksSection = "ChangeThisFile:Webhooks";

    private const string PageNamespace = "ChangeThisFile.Samples.AspNetCore.Page";

    /// <summary>
    /// Registers the client, the webhook receiver, the flow, the storage and the sample's own services.
    /// </summary>
    public static void Add(
        IServiceCollection services, IConfiguration configuration, ListenAddress address, string storageProvider,
        LocalDefaults localDefaults)
    {
        services.AddProblemDetails();
        services.AddHealthChecks();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, SampleJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(1, ConversionFlowJsonContext.Default);
        });

        services.AddConversionClient(configuration.GetSection(ClientSection));
        services.AddConversionWebhooks(configuration.GetSection(WebhooksSection)).AddConversionFlowHandler();
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ConversionWebhookOptions>, InlineModeValidator>());
        services.AddConversionFlow(configuration.GetSection(ConversionFlowOptions.SectionName));
        services.PostConfigure<ConversionFlowOptions>(flow =>
            flow.WebhookUrl ??= new Uri(address.PublicBaseUrl, SampleRoutes.Webhook.TrimStart('/')));
        StorageProvider.Register(storageProvider, services, configuration, localDefaults);

        services.AddSingleton<WebhookReceipts>();
        if (DiagnosticsRoutes.IsEnabled(configuration))
        {
            services.AddDiagnostics();
        }
    }

    /// <summary>
    /// Maps the page, the four steps, the local storage endpoint, the health check and, when turned on, the
    /// diagnostics routes.
    /// </summary>
    public static void MapEndpoints(WebApplication app, string storageProvider)
    {
        app.UseExceptionHandler();
        app.UseConversionApiProblems();

        var page = new EmbeddedFileProvider(typeof(SampleServices).Assembly, PageNamespace);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = page });

        app.UseWebhookReceipts();
        app.MapConversionApi();
        app.MapConversionWebhooks(SampleRoutes.Webhook);
        if (storageProvider == StorageProvider.Local)
        {
            app.MapLocalObjectStorage(SampleRoutes.Storage);
        }

        app.MapHealthChecks(SampleRoutes.Health);
        if (DiagnosticsRoutes.IsEnabled(app.Configuration))
        {
            app.MapDiagnostics();
        }
    }

    /// <summary>
    /// Requires inline webhook handling: in queued mode the API already has its 2xx when a
    /// storage failure happens, so it would not deliver the event again.
    /// </summary>
    private sealed class InlineModeValidator : IValidateOptions<ConversionWebhookOptions>
    {
        public ValidateOptionsResult Validate(string? name, ConversionWebhookOptions options) =>
            options.Mode == WebhookAcknowledgementMode.Inline
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"{WebhooksSection}:Mode is {options.Mode}. The sample needs Inline, so that a failure to store " +
                    "a result answers 500 and the API delivers the webhook again.");
    }
}
