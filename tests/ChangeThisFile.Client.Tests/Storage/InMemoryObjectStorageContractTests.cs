using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Testing.Storage;

namespace ChangeThisFile.Client.Tests.Storage;

/// <summary>
/// Runs the storage contract against <see cref="InMemoryObjectStorage"/> and its in-process presigned handler.
/// </summary>
public sealed class InMemoryObjectStorageContractTests : ObjectStorageContractTests
{
    private InMemoryObjectStorage? _storage;

    protected override ObjectStorageCapabilities Capabilities { get; } = new()
    {
        ChecksUploadContentType = true,
        VerifiesSignature = true,
        ChecksUploadMaxSize = true,
        SetsDownloadFileName = true,
        ExpiryClock = PresignedExpiryClock.Injected,
        StreamsWrites = false,
    };

    protected override Task<IObjectStorage> CreateStorageAsync()
    {
        _storage = new InMemoryObjectStorage(Clock);
        return Task.FromResult<IObjectStorage>(_storage);
    }

    protected override HttpMessageHandler CreatePresignedHandler() => _storage!.CreateHttpHandler();
}
