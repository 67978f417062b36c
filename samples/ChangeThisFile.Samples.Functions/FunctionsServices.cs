using ChangeThisFile.Client.Azure;
using ChangeThisFile.Client.Flow;
using ChangeThisFile.Samples.Functions.Functions;
using ChangeThisFile.Samples.Functions.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Samples.Functions;

/// <summary>
/// The services of every function: the API client, webhook verification, Blob storage, the
/// Table record store, the four-step flow and the webhook verification step. <c>Program</c> and
/// the tests both call <see cref="Configure"/>, so the tests run the configuration that is deployed.
/// </summary>
public static class FunctionsServices
{
    /// <summary>
    /// The app setting with the connection string of the storage account that contains uploads and
    /// results. The blob trigger reads it too, so both always watch the same account.
    /// </summary>
    public const string UploadStorageSetting = "UploadStorage";

    /// <summary>
    /// The app setting with the container of uploads and results, also used in the blob trigger's path.
    /// </summary>
    public const string UploadContainerSetting = "UploadContainer";

    /// <summary>The section of the API client settings, such as <c>ChangeThisFile__ApiKey</c>.</summary>
    public const string ClientSection = "ChangeThisFile";

    /// <summary>The section of the webhook secrets, such as <c>ChangeThisFile__Webhooks__Secrets__0</c>.</summary>
    public const string WebhooksSection = "ChangeThisFile:Webhooks";

    /// <summary>Registers every service from the app settings.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">
    /// The app settings: <c>UploadStorage</c>, <c>UploadContainer</c>, <c>ChangeThisFile</c> (the API
    /// client), <c>ChangeThisFile:Webhooks</c>, <c>ConversionFlow</c>, and optionally the
    /// <c>AzureBlobStorage</c> and <c>AzureTableRecords</c> sections; the table's connection string
    /// defaults to <c>UploadStorage</c>.
    /// </param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection Configure(IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddConversionClient(configuration.GetSection(ClientSection));
        services.AddConversionWebhookVerification(configuration.GetSection(WebhooksSection));
        services.AddAzureBlobObjectStorage(options =>
        {
            configuration.GetSection(AzureBlobObjectStorageOptions.SectionName).Bind(options);
            options.ConnectionString = configuration[UploadStorageSetting] ?? options.ConnectionString;
            options.ContainerName = configuration[UploadContainerSetting] ?? options.ContainerName;
        });
        services.AddAzureTableConversionRecordStore(options =>
        {
            configuration.GetSection(AzureTableRecordStoreOptions.SectionName).Bind(options);
            options.ConnectionString ??= configuration[UploadStorageSetting];
        });
        services.AddConversionFlow(configuration.GetSection(ConversionFlowOptions.SectionName));
        services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<ConversionFlowOptions>, TriggerPrefixValidator>());
        services.TryAddSingleton<WebhookRequestVerifier>();
        return services;
    }

    /// <summary>Checks that the flow's input prefix is the one in the blob trigger's path.</summary>
    private sealed class TriggerPrefixValidator : IValidateOptions<ConversionFlowOptions>
    {
        public ValidateOptionsResult Validate(string? name, ConversionFlowOptions options) =>
            options.InputKeyPrefix == SubmitUploadFunction.InputPrefix
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    $"ConversionFlow:InputKeyPrefix '{options.InputKeyPrefix}' differs from the blob trigger's " +
                    $"prefix '{SubmitUploadFunction.InputPrefix}', so uploads would never be submitted. Remove the " +
                    "setting, or change SubmitUploadFunction.InputPrefix to match.");
    }
}
