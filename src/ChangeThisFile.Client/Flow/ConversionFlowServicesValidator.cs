using ChangeThisFile.Client.DependencyInjection;
using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Flow;

/// <summary>
/// Checks at start-up that the services the flow needs are registered, so a missing storage
/// adapter fails the host with a fix instead of failing the first request.
/// </summary>
internal sealed class ConversionFlowServicesValidator(IServiceProvider services)
    : IValidateOptions<ConversionFlowOptions>
{
    public ValidateOptionsResult Validate(string? name, ConversionFlowOptions options)
    {
        var failures = new List<string>();
        var isService = services.GetService<IServiceProviderIsService>();
        if (isService is not null && !isService.IsService(typeof(IObjectStorage)))
        {
            failures.Add(
                "No IObjectStorage is registered. Register one, such as AddLocalObjectStorage, AddS3ObjectStorage " +
                "or AddAzureBlobObjectStorage.");
        }

        if (isService is not null && !isService.IsService(typeof(IConversionRecordStore)))
        {
            failures.Add(
                "No IConversionRecordStore is registered. Register one, such as AddSqliteConversionRecordStore, " +
                "AddDynamoDbConversionRecordStore or AddAzureTableConversionRecordStore.");
        }

        var clientName = options.ClientName ?? string.Empty;
        if (services.GetService<ConversionClientRegistry>() is not { } registry || !registry.Contains(clientName))
        {
            failures.Add(clientName.Length == 0
                ? "No ChangeThisFile client is registered. Call services.AddConversionClient(...) as well."
                : $"ConversionFlow:ClientName '{clientName}' names no registered ChangeThisFile client. Call " +
                    $"services.AddConversionClient(\"{clientName}\", ...) or clear ClientName.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
