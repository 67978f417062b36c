using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Testing.Servers;
using ChangeThisFile.Client.Testing.Storage;

namespace ChangeThisFile.Client.Aws.Tests;

/// <summary>Runs the record-store contract against <see cref="DynamoDbConversionRecordStore"/> on dynalite.</summary>
public sealed class DynamoDbConversionRecordStoreContractTests(DynaliteFixture server)
    : ConversionRecordStoreContractTests, IClassFixture<DynaliteFixture>
{
    private DynamoDbConversionRecordStore? _store;

    protected override Task<IConversionRecordStore> CreateStoreAsync()
    {
        var options = new DynamoDbRecordStoreOptions
        {
            TableName = TestNames.Unique("records"),
            ServiceUrl = server.Url.ToString(),
            Region = DynaliteFixture.Region,
            AccessKeyId = "local",
            SecretAccessKey = "local",
            CreateTableIfMissing = true,
        };
        _store = new DynamoDbConversionRecordStore(options);
        return Task.FromResult<IConversionRecordStore>(_store);
    }

    protected override Task DisposeStoreAsync()
    {
        _store?.Dispose();
        return Task.CompletedTask;
    }
}
