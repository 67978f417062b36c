using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Testing.Servers;
using ChangeThisFile.Client.Testing.Storage;

namespace ChangeThisFile.Client.Azure.Tests;

/// <summary>Runs the record-store contract against <see cref="AzureTableConversionRecordStore"/> on Azurite.</summary>
public sealed class AzureTableConversionRecordStoreContractTests(AzuriteFixture server)
    : ConversionRecordStoreContractTests, IClassFixture<AzuriteFixture>
{
    protected override Task<IConversionRecordStore> CreateStoreAsync() =>
        Task.FromResult<IConversionRecordStore>(new AzureTableConversionRecordStore(new AzureTableRecordStoreOptions
        {
            ConnectionString = server.ConnectionString,
            TableName = TestNames.UniqueAlphanumeric("records"),
            CreateTableIfMissing = true,
        }));
}
