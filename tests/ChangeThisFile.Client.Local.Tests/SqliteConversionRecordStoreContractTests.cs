using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Testing.Storage;

namespace ChangeThisFile.Client.Local.Tests;

/// <summary>
/// Runs the record-store contract against <see cref="SqliteConversionRecordStore"/> in a temporary folder.
/// </summary>
public sealed class SqliteConversionRecordStoreContractTests : ConversionRecordStoreContractTests
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ctf-sqlite-");
    private SqliteConversionRecordStore? _store;

    protected override Task<IConversionRecordStore> CreateStoreAsync()
    {
        _store = new SqliteConversionRecordStore(
            new SqliteConversionRecordStoreOptions { DatabasePath = Path.Combine(_folder.FullName, "records.db") });
        return Task.FromResult<IConversionRecordStore>(_store);
    }

    protected override Task DisposeStoreAsync()
    {
        _store?.Dispose();
        _folder.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
