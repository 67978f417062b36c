using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Testing.Storage;

namespace ChangeThisFile.Client.Tests.Storage;

/// <summary>Runs the record-store contract against <see cref="InMemoryConversionRecordStore"/>.</summary>
public sealed class InMemoryConversionRecordStoreContractTests : ConversionRecordStoreContractTests
{
    protected override Task<IConversionRecordStore> CreateStoreAsync() =>
        Task.FromResult<IConversionRecordStore>(new InMemoryConversionRecordStore());
}
