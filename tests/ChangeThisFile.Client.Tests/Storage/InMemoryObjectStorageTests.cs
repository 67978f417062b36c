using System.Net;
using ChangeThisFile.Client.Storage;

namespace ChangeThisFile.Client.Tests.Storage;

public sealed class InMemoryObjectStorageTests
{
    [Fact]
    public async Task PresignedUrl_Host_IsNonRoutable()
    {
        var storage = new InMemoryObjectStorage();

        var request = await storage.CreateUploadRequestAsync("uploads/a b.pdf", new PresignedUploadOptions());

        request.Url.Host.Should().Be("in-memory-storage.invalid");
        request.Url.AbsolutePath.Should().Be("/uploads/a%20b.pdf");
    }

    [Fact]
    public async Task Handler_ForgedToken_Returns403()
    {
        var storage = new InMemoryObjectStorage();
        var request = await storage.CreateUploadRequestAsync("uploads/a.pdf", new PresignedUploadOptions());
        using var http = new HttpClient(storage.CreateHttpHandler());
        var forged = new Uri(request.Url.GetLeftPart(UriPartial.Path) + "?token=00000000000000000000000000000000");

        using var response = await http.PutAsync(forged, new ByteArrayContent([1]));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        storage.Keys.Should().BeEmpty();
    }

    [Fact]
    public async Task Handler_TokenUsedForOtherKey_Returns403()
    {
        var storage = new InMemoryObjectStorage();
        var request = await storage.CreateUploadRequestAsync("uploads/a.pdf", new PresignedUploadOptions());
        using var http = new HttpClient(storage.CreateHttpHandler());
        var other = new Uri(
            request.Url.ToString().Replace("/uploads/a.pdf", "/uploads/b.pdf", StringComparison.Ordinal));

        using var response = await http.PutAsync(other, new ByteArrayContent([1]));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Keys_AfterWrites_ListsEachKey()
    {
        var storage = new InMemoryObjectStorage();

        await storage.WriteAsync("a/1.txt", new MemoryStream([1]));
        await storage.WriteAsync("b/2.txt", new MemoryStream([2]));

        storage.Keys.Should().BeEquivalentTo("a/1.txt", "b/2.txt");
    }
}
