using ChangeThisFile.Client.Aws;
using ChangeThisFile.Samples.Lambda.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Samples.Lambda;

/// <summary>
/// The services of every handler: the API client, webhook verification, S3 storage, the
/// DynamoDB record store, the four-step flow and the four handlers. The program and the tests
/// both call <see cref="Configure"/>, so the tests run the configuration that is deployed.
/// </summary>
public static class LambdaServices
{
    /// <summary>The section of the API client settings, such as <c>ChangeThisFile__BaseAddress</c>.</summary>
    public const string ClientSection = "ChangeThisFile";

    /// <summary>The section of the webhook secrets, such as <c>ChangeThisFile__Webhooks__Secrets__0</c>.</summary>
    public const string WebhooksSection = "ChangeThisFile:Webhooks";

    /// <summary>The environment variable in which Lambda passes the function's region.</summary>
    public const string RegionVariable = "AWS_REGION";

    /// <summary>Registers every service from configuration, usually environment variables.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">
    /// The settings: <c>ChangeThisFile</c> (the API client; the key may come from <c>CTF_API_KEY</c>),
    /// <c>ChangeThisFile:Webhooks</c>, <c>ConversionFlow</c>, <c>S3Storage</c> and
    /// <c>DynamoDbRecords</c>. Storage regions default to <c>AWS_REGION</c>.
    /// </param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection Configure(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddConversionClient(configuration.GetSection(ClientSection));
        services.AddConversionWebhookVerification(configuration.GetSection(WebhooksSection));
        services.AddS3ObjectStorage(configuration.GetSection(S3ObjectStorageOptions.SectionName));
        services.AddDynamoDbConversionRecordStore(configuration.GetSection(DynamoDbRecordStoreOptions.SectionName));
        services.AddConversionFlow(configuration.GetSection(Client.Flow.ConversionFlowOptions.SectionName));

        var region = configuration[RegionVariable];
        services.PostConfigure<S3ObjectStorageOptions>(
            options => options.Region ??= DefaultRegion(options.ServiceUrl, region));
        services.PostConfigure<DynamoDbRecordStoreOptions>(
            options => options.Region ??= DefaultRegion(options.ServiceUrl, region));

        services.AddSingleton<CreateUploadFunction>();
        services.AddSingleton<SubmitUploadFunction>();
        services.AddSingleton<WebhookFunction>();
        services.AddSingleton<StatusFunction>();
        return services;
    }

    /// <summary>Uses the function's own region unless the settings name an endpoint of their own.</summary>
    private static string? DefaultRegion(string? serviceUrl, string? functionRegion) =>
        string.IsNullOrWhiteSpace(serviceUrl) && !string.IsNullOrWhiteSpace(functionRegion) ? functionRegion : null;
}
