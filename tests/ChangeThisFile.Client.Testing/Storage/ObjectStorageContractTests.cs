using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Client.Testing.Storage;

/// <summary>
/// The behaviour every <see cref="IObjectStorage"/> must have. Derive a test class, create the
/// storage in <see cref="CreateStorageAsync"/> (with a fresh bucket or folder each time) and declare
/// its <see cref="Capabilities"/>; every test here then runs against it.
/// </summary>
public abstract partial class ObjectStorageContractTests : IAsyncLifetime
{
    private HttpClient? _http;

    /// <summary>
    /// The clock that storages with <see cref="PresignedExpiryClock.Injected"/> must use; the tests
    /// advance it to expire URLs.
    /// </summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    /// <summary>What the storage under test can do.</summary>
    protected abstract ObjectStorageCapabilities Capabilities { get; }

    /// <summary>The storage under test, created before each test.</summary>
    protected IObjectStorage Storage { get; private set; } = null!;

    /// <summary>A client that sends presigned requests the way a browser or the conversion API would.</summary>
    protected HttpClient Http =>
        _http ??= new HttpClient(CreatePresignedHandler()) { Timeout = TimeSpan.FromMinutes(2) };

    /// <summary>Creates the storage under test with its own, empty namespace.</summary>
    protected abstract Task<IObjectStorage> CreateStorageAsync();

    /// <summary>Creates the handler that sends presigned requests; a real socket handler unless overridden.</summary>
    protected virtual HttpMessageHandler CreatePresignedHandler() => new SocketsHttpHandler();

    /// <summary>Releases what <see cref="CreateStorageAsync"/> created.</summary>
    protected virtual Task DisposeStorageAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task InitializeAsync() => Storage = await CreateStorageAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        _http?.Dispose();
        await DisposeStorageAsync();
    }

    [Theory]
    [MemberData(nameof(StorageTestData.AwkwardKeys), MemberType = typeof(StorageTestData))]
    public async Task Write_AwkwardKey_ReadsBackSameBytes(string key)
    {
        var content = StorageTestData.Bytes(4096);

        await Storage.WriteAsync(
            key, new MemoryStream(content), new ObjectWriteOptions { ContentType = "application/pdf" });

        (await ReadAllAsync(key)).Should().Equal(content);
        (await Storage.ExistsAsync(key)).Should().BeTrue();
    }

    [Fact]
    public async Task Write_ExistingKey_ReplacesContent()
    {
        const string key = "uploads/replace.txt";
        await Storage.WriteAsync(key, Text("first version, longer than the second"));

        await Storage.WriteAsync(key, Text("second"));

        Encoding.UTF8.GetString(await ReadAllAsync(key)).Should().Be("second");
    }

    [Fact]
    public async Task Write_EmptyContent_ReadsBackEmpty()
    {
        await Storage.WriteAsync("uploads/empty.bin", new MemoryStream());

        (await ReadAllAsync("uploads/empty.bin")).Should().BeEmpty();
    }

    [Fact]
    public async Task Write_FromCurrentPosition_StoresRemainderOnly()
    {
        var stream = Text("skip:keep");
        stream.Position = 5;

        await Storage.WriteAsync("uploads/position.txt", stream);

        Encoding.UTF8.GetString(await ReadAllAsync("uploads/position.txt")).Should().Be("keep");
    }

    [Fact]
    public async Task Write_LargeForwardOnlyStream_ReadsBackSameHash()
    {
        using var source = new GeneratedStream(StorageTestData.LargeObjectBytes);
        var allocatedBefore = GC.GetTotalAllocatedBytes();

        await Storage.WriteAsync(
            "large/forward-only.bin", source, new ObjectWriteOptions { ContentType = "video/mp4" });

        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        await using var read = await Storage.OpenReadAsync("large/forward-only.bin");
        var (hash, length) = await StorageTestData.HashAsync(read);
        length.Should().Be(StorageTestData.LargeObjectBytes);
        hash.Should().Be(source.Hash);
        if (Capabilities.StreamsWrites)
        {
            allocated.Should().BeLessThan(StorageTestData.LargeObjectBytes / 2, "the write must stream, not buffer");
        }
    }

    [Fact]
    public async Task Write_LargeSeekableStream_ReadsBackSameHash()
    {
        var content = StorageTestData.Bytes(StorageTestData.LargeObjectBytes / 2, seed: 3);
        var expected = (await StorageTestData.HashAsync(new MemoryStream(content))).Hash;

        await Storage.WriteAsync("large/seekable.bin", new MemoryStream(content));

        await using var read = await Storage.OpenReadAsync("large/seekable.bin");
        (await StorageTestData.HashAsync(read)).Hash.Should().Be(expected);
    }

    [Fact]
    public async Task OpenRead_MissingKey_ThrowsObjectNotFound()
    {
        var act = () => Storage.OpenReadAsync("uploads/missing [1].pdf");

        (await act.Should().ThrowAsync<ObjectNotFoundException>()).Which.Key.Should().Be("uploads/missing [1].pdf");
    }

    [Fact]
    public async Task Exists_MissingKey_ReturnsFalse()
    {
        (await Storage.ExistsAsync("uploads/never-written.pdf")).Should().BeFalse();
    }

    [Fact]
    public async Task Delete_ExistingKey_RemovesObject()
    {
        await Storage.WriteAsync("uploads/delete me.txt", Text("x"));

        await Storage.DeleteAsync("uploads/delete me.txt");

        (await Storage.ExistsAsync("uploads/delete me.txt")).Should().BeFalse();
        await FluentActions.Awaiting(() => Storage.OpenReadAsync("uploads/delete me.txt"))
            .Should().ThrowAsync<ObjectNotFoundException>();
    }

    [Fact]
    public async Task Delete_MissingKeyTwice_DoesNotThrow()
    {
        await Storage.DeleteAsync("uploads/never-there.txt");

        await FluentActions.Awaiting(() => Storage.DeleteAsync("uploads/never-there.txt")).Should().NotThrowAsync();
    }

    [Fact]
    public async Task Delete_OneKey_LeavesSiblingsAndPrefixes()
    {
        await Storage.WriteAsync("folder/a.txt", Text("a"));
        await Storage.WriteAsync("folder/a.txt.bak", Text("b"));
        await Storage.WriteAsync("folder/a.txt/child.txt", Text("c"));

        await Storage.DeleteAsync("folder/a.txt");

        (await Storage.ExistsAsync("folder/a.txt.bak")).Should().BeTrue();
        (await Storage.ExistsAsync("folder/a.txt/child.txt")).Should().BeTrue();
    }

    [Fact]
    public async Task Write_CanceledToken_ThrowsOperationCanceled()
    {
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        var act = () => Storage.WriteAsync("uploads/canceled.txt", Text("x"), null, canceled.Token);

        await act.Should().ThrowAsync<OperationCanceledException>();
    }

    /// <summary>Reads a whole object into memory.</summary>
    protected async Task<byte[]> ReadAllAsync(string key)
    {
        await using var stream = await Storage.OpenReadAsync(key);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Returns a seekable stream of UTF-8 text.</summary>
    protected static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));
}
