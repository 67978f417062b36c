using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Testing.Servers;
using ChangeThisFile.Client.Testing.Storage;

namespace ChangeThisFile.Client.Azure.Tests;

/// <summary>
/// Runs the storage contract against <see cref="AzureBlobObjectStorage"/> on Azurite. Blob Storage stores
/// the Content-Type an uploader sends, and a SAS does not cover it, so a mismatched type is accepted, as on
/// Azure itself. The SAS permissions are verified, so a read SAS cannot upload.
/// </summary>
public sealed class AzureBlobObjectStorageContractTests(AzuriteFixture server)
    : ObjectStorageContractTests, IClassFixture<AzuriteFixture>
{
    protected override ObjectStorageCapabilities Capabilities { get; } = new()
    {
        ChecksUploadContentType = false,
        VerifiesSignature = true,
        ChecksUploadMaxSize = false,
        SetsDownloadFileName = true,
        ExpiryClock = PresignedExpiryClock.WallClock,
        StreamsWrites = true,
    };

    protected override async Task<IObjectStorage> CreateStorageAsync()
    {
        var storage = new AzureBlobObjectStorage(new AzureBlobObjectStorageOptions
        {
            ConnectionString = server.ConnectionString,
            ContainerName = TestNames.Unique("contract"),
        });
        await storage.CreateContainerIfMissingAsync();
        return storage;
    }
}
