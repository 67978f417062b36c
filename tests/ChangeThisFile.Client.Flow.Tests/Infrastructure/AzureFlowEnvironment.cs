using ChangeThisFile.Client.Azure;
using ChangeThisFile.Client.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Client.Flow.Tests.Infrastructure;

/// <summary>
/// Azure Blob storage with SAS URLs and the Table Storage record store, both on Azurite at 127.0.0.1.
/// </summary>
public sealed class AzureFlowEnvironment : FlowEnvironment
{
    private readonly AzuriteFixture _azurite = new();

    protected override async Task ConfigureStorageAsync(IServiceCollection services, Uri baseUrl)
    {
        await _azurite.InitializeAsync();
        services.AddAzureBlobObjectStorage(options =>
        {
            options.ConnectionString = _azurite.ConnectionString;
            options.ContainerName = TestNames.Unique("flow");
            options.CreateContainerIfMissing = true;
        });
        services.AddAzureTableConversionRecordStore(options =>
        {
            options.ConnectionString = _azurite.ConnectionString;
            options.TableName = TestNames.UniqueAlphanumeric("flowrecords");
            options.CreateTableIfMissing = true;
        });
    }

    // Presigned uploads need the container to exist; the storage creates it only on its own first call.
    protected override Task AfterStartAsync(IServiceProvider services) =>
        services.GetRequiredService<AzureBlobObjectStorage>().CreateContainerIfMissingAsync();

    protected override Task DisposeStorageAsync() => _azurite.DisposeAsync();
}
