using System.Net;
using System.Net.Http.Headers;

namespace ChangeThisFile.Client.Testing.Storage;

public abstract partial class ObjectStorageContractTests
{
    [Theory]
    [MemberData(nameof(StorageTestData.AwkwardKeys), MemberType = typeof(StorageTestData))]
    public async Task PresignedUpload_AwkwardKeyWithHeaders_StoresExactBytes(string key)
    {
        var content = StorageTestData.Bytes(10_000, seed: 11);
        var request = await Storage.CreateUploadRequestAsync(key, new() { ContentType = "application/pdf" });

        using var response = await SendAsync(request, content);

        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
        (await ReadAllAsync(key)).Should().Equal(content);
    }

    [Fact]
    public async Task PresignedUpload_ContentType_IsTheRequiredHeader()
    {
        var request = await Storage.CreateUploadRequestAsync(
            "uploads/a.pdf", new() { ContentType = "application/pdf" });

        request.Method.Should().Be("PUT");
        request.Headers.Should().ContainKey("Content-Type").WhoseValue.Should().Be("application/pdf");
    }

    [Fact]
    public async Task PresignedUpload_WithoutContentType_RequiresNoContentTypeHeader()
    {
        var request = await Storage.CreateUploadRequestAsync("uploads/untyped.bin", new());

        request.Headers.Keys.Should().NotContain(k => k.Equals("Content-Type", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task PresignedUpload_DifferentContentType_FollowsCapability()
    {
        var request = await Storage.CreateUploadRequestAsync(
            "uploads/typed.pdf", new() { ContentType = "application/pdf" });

        using var response = await SendAsync(request, "%PDF-1.7"u8.ToArray(), contentType: "text/plain");

        if (Capabilities.ChecksUploadContentType)
        {
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await Storage.ExistsAsync("uploads/typed.pdf")).Should().BeFalse();
        }
        else
        {
            response.IsSuccessStatusCode.Should().BeTrue("this service does not check the signed Content-Type");
        }
    }

    [Fact]
    public async Task PresignedUpload_OverMaxSize_FollowsCapability()
    {
        var options = new PresignedUploadOptions { ContentType = "text/plain", MaxSizeBytes = 100 };
        var request = await Storage.CreateUploadRequestAsync("uploads/limited.txt", options);

        using var response = await SendAsync(request, new byte[101]);

        if (Capabilities.ChecksUploadMaxSize)
        {
            response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
            (await Storage.ExistsAsync("uploads/limited.txt")).Should().BeFalse();
        }
        else
        {
            response.IsSuccessStatusCode.Should().BeTrue("this service cannot limit a presigned upload's size");
        }
    }

    [Fact]
    public async Task PresignedUpload_AtMaxSize_Succeeds()
    {
        var options = new PresignedUploadOptions { ContentType = "text/plain", MaxSizeBytes = 100 };
        var request = await Storage.CreateUploadRequestAsync("uploads/limited.txt", options);

        using var response = await SendAsync(request, new byte[100]);

        response.IsSuccessStatusCode.Should().BeTrue();
        (await ReadAllAsync("uploads/limited.txt")).Should().HaveCount(100);
    }

    [Fact]
    public async Task PresignedUpload_Large_StoresExactBytes()
    {
        var request = await Storage.CreateUploadRequestAsync(
            "large/presigned.bin", new() { ContentType = "video/mp4" });
        using var source = new GeneratedStream(StorageTestData.LargeObjectBytes, seed: 5);
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url)
        {
            Content = new StreamContent(source),
        };
        AddHeaders(message, request);
        message.Content.Headers.ContentLength = StorageTestData.LargeObjectBytes;

        using var response = await Http.SendAsync(message);

        response.IsSuccessStatusCode.Should().BeTrue();
        await using var read = await Storage.OpenReadAsync("large/presigned.bin");
        (await StorageTestData.HashAsync(read)).Hash.Should().Be(source.Hash);
    }

    [Fact]
    public async Task PresignedDownload_StoredObject_ReturnsBytesAndContentType()
    {
        var content = StorageTestData.Bytes(5000, seed: 2);
        await Storage.WriteAsync(
            "results/out [1].pdf", new MemoryStream(content), new() { ContentType = "application/pdf" });
        var request = await Storage.CreateDownloadRequestAsync("results/out [1].pdf", new());

        using var response = await Http.GetAsync(request.Url);

        request.Method.Should().Be("GET");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/pdf");
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(content);
    }

    [Fact]
    public async Task PresignedDownload_UntypedWrite_ReturnsOctetStream()
    {
        await Storage.WriteAsync("results/untyped", Text("x"));
        var request = await Storage.CreateDownloadRequestAsync("results/untyped", new());

        using var response = await Http.GetAsync(request.Url);

        response.Content.Headers.ContentType?.MediaType.Should().Be("application/octet-stream");
    }

    [Fact]
    public async Task PresignedDownload_FileName_FollowsCapability()
    {
        await Storage.WriteAsync("results/name.pdf", Text("x"), new() { ContentType = "application/pdf" });
        var options = new PresignedDownloadOptions { FileName = "Résumé \"final\" (1).pdf" };
        var request = await Storage.CreateDownloadRequestAsync("results/name.pdf", options);

        using var response = await Http.GetAsync(request.Url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var disposition = response.Content.Headers.ContentDisposition;
        if (Capabilities.SetsDownloadFileName)
        {
            disposition?.DispositionType.Should().Be("attachment");
            disposition?.FileNameStar.Should().Be("Résumé \"final\" (1).pdf");
        }
        else
        {
            disposition.Should().BeNull();
        }
    }

    [Theory]
    [MemberData(nameof(StorageTestData.AwkwardKeys), MemberType = typeof(StorageTestData))]
    public async Task PresignedDownload_AwkwardKey_ReturnsBytes(string key)
    {
        await Storage.WriteAsync(key, Text(key));
        var request = await Storage.CreateDownloadRequestAsync(key, new());

        using var response = await Http.GetAsync(request.Url);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be(key);
    }

    [Fact]
    public async Task PresignedDownload_MissingObject_Returns404()
    {
        var request = await Storage.CreateDownloadRequestAsync("results/missing.pdf", new());

        using var response = await Http.GetAsync(request.Url);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task PresignedDownload_UsedForUpload_IsRejected()
    {
        var request = await Storage.CreateDownloadRequestAsync("results/read-only.txt", new());

        using var response = await Http.PutAsync(request.Url, new ByteArrayContent("x"u8.ToArray()));

        if (Capabilities.VerifiesSignature)
        {
            ((int)response.StatusCode).Should().BeInRange(400, 499);
            (await Storage.ExistsAsync("results/read-only.txt")).Should().BeFalse();
        }
        else
        {
            response.IsSuccessStatusCode.Should().BeTrue("this service does not verify signatures");
        }
    }

    /// <summary>Sends a presigned request with its required headers and a body.</summary>
    protected async Task<HttpResponseMessage> SendAsync(
        PresignedRequest request, byte[] body, string? contentType = null)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url)
        {
            Content = new ByteArrayContent(body),
        };
        AddHeaders(message, request);
        if (contentType is not null)
        {
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return await Http.SendAsync(message);
    }

    private static void AddHeaders(HttpRequestMessage message, PresignedRequest request)
    {
        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content!.Headers.TryAddWithoutValidation(name, value);
            }
        }
    }
}
