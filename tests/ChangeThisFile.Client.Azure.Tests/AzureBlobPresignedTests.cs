using System.Net;
using System.Net.Http.Headers;
using Azure.Storage.Blobs;
using ChangeThisFile.Client.Testing.Servers;

namespace ChangeThisFile.Client.Azure.Tests;

/// <summary>What Blob Storage (here Azurite) really does with the headers of a SAS upload.</summary>
public sealed class AzureBlobPresignedTests(AzuriteFixture server) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private AzureBlobObjectStorage _storage = null!;
    private BlobContainerClient _container = null!;

    public async Task InitializeAsync()
    {
        var options = new AzureBlobObjectStorageOptions
        {
            ConnectionString = server.ConnectionString,
            ContainerName = TestNames.Unique("sas"),
            CreateContainerIfMissing = true,
        };
        _storage = new AzureBlobObjectStorage(options);
        await _storage.CreateContainerIfMissingAsync();
        _container = new BlobServiceClient(server.ConnectionString).GetBlobContainerClient(options.ContainerName);
    }

    public Task DisposeAsync()
    {
        _http.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task UploadRequest_ContainerMissing_CreatesItBeforeTheUpload()
    {
        var storage = new AzureBlobObjectStorage(new AzureBlobObjectStorageOptions
        {
            ConnectionString = server.ConnectionString,
            ContainerName = TestNames.Unique("fresh"),
            CreateContainerIfMissing = true,
        });

        var request = await storage.CreateUploadRequestAsync(
            "uploads/first.pdf", new() { ContentType = "application/pdf" });
        using var response = await PutAsync(request.Url, blobType: "BlockBlob", contentType: "application/pdf");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        (await storage.ExistsAsync("uploads/first.pdf")).Should().BeTrue();
    }

    [Fact]
    public async Task UploadRequest_Headers_AreBlobTypeAndContentType()
    {
        var request = await _storage.CreateUploadRequestAsync(
            "uploads/a.pdf", new() { ContentType = "application/pdf" });

        request.Headers.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["x-ms-blob-type"] = "BlockBlob",
            ["Content-Type"] = "application/pdf",
        });
    }

    [Fact]
    public async Task Upload_WithListedHeaders_StoresSignedContentType()
    {
        var request = await _storage.CreateUploadRequestAsync(
            "uploads/a.pdf", new() { ContentType = "application/pdf" });

        using var response = await PutAsync(request.Url, blobType: "BlockBlob", contentType: "application/pdf");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var properties = await _container.GetBlobClient("uploads/a.pdf").GetPropertiesAsync();
        properties.Value.ContentType.Should().Be("application/pdf");
    }

    [Fact]
    public async Task Upload_DifferentContentType_IsStoredAsSent()
    {
        var request = await _storage.CreateUploadRequestAsync(
            "uploads/b.pdf", new() { ContentType = "application/pdf" });

        using var response = await PutAsync(request.Url, blobType: "BlockBlob", contentType: "text/html");

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var properties = await _container.GetBlobClient("uploads/b.pdf").GetPropertiesAsync();
        properties.Value.ContentType.Should().Be("text/html");
    }

    [Fact]
    public async Task Upload_WithoutBlobTypeHeader_IsRejected()
    {
        var request = await _storage.CreateUploadRequestAsync(
            "uploads/c.pdf", new() { ContentType = "application/pdf" });

        using var response = await PutAsync(request.Url, blobType: null, contentType: "application/pdf");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _storage.ExistsAsync("uploads/c.pdf")).Should().BeFalse();
    }

    [Fact]
    public async Task UploadRequest_Sas_GrantsOnlyCreateAndWrite()
    {
        var request = await _storage.CreateUploadRequestAsync("uploads/d.pdf", new());

        var query = System.Web.HttpUtility.ParseQueryString(request.Url.Query);
        query["sp"].Should().Be("cw");
        query["sr"].Should().Be("b");
    }

    [Fact]
    public async Task DownloadRequest_Sas_GrantsOnlyRead()
    {
        var request = await _storage.CreateDownloadRequestAsync("uploads/d.pdf", new() { FileName = "d.pdf" });

        var query = System.Web.HttpUtility.ParseQueryString(request.Url.Query);
        query["sp"].Should().Be("r");
        query["rscd"].Should().StartWith("attachment;");
    }

    private Task<HttpResponseMessage> PutAsync(Uri url, string? blobType, string contentType)
    {
        var content = new ByteArrayContent("%PDF-1.7"u8.ToArray());
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        var message = new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
        if (blobType is not null)
        {
            message.Headers.Add("x-ms-blob-type", blobType);
        }

        return _http.SendAsync(message);
    }
}
