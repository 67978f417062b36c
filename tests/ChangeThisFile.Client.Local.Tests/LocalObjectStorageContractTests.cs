using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Testing.Storage;

namespace ChangeThisFile.Client.Local.Tests;

/// <summary>
/// Runs the storage contract against <see cref="LocalObjectStorage"/> behind its endpoint on Kestrel.
/// </summary>
public sealed class LocalObjectStorageContractTests : ObjectStorageContractTests
{
    private LocalStorageServer? _server;

    protected override ObjectStorageCapabilities Capabilities { get; } = new()
    {
        ChecksUploadContentType = true,
        VerifiesSignature = true,
        ChecksUploadMaxSize = true,
        SetsDownloadFileName = true,
        ExpiryClock = PresignedExpiryClock.Injected,
        StreamsWrites = true,
    };

    protected override async Task<IObjectStorage> CreateStorageAsync()
    {
        _server = await LocalStorageServer.StartAsync(Clock);
        return _server.Storage;
    }

    protected override async Task DisposeStorageAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
