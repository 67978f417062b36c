using System.Net;
using System.Net.Http.Headers;
using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Client.Local.Tests;

public sealed class LocalObjectStorageEndpointTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private LocalStorageServer _server = null!;

    public async Task InitializeAsync() => _server = await LocalStorageServer.StartAsync(_clock);

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Theory]
    [InlineData("signature", "AAAA")]
    [InlineData("expires", "99999999999999")]
    [InlineData("content-type", "text/plain")]
    [InlineData("max-size", "999999")]
    public async Task Upload_TamperedParameter_Returns403(string parameter, string value)
    {
        var request = await _server.Storage.CreateUploadRequestAsync(
            "uploads/a.pdf", new() { ContentType = "application/pdf", MaxSizeBytes = 10 });

        using var response = await PutAsync(Replace(request.Url, parameter, value), "application/pdf", 5);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("signature does not match");
        (await _server.Storage.ExistsAsync("uploads/a.pdf")).Should().BeFalse();
    }

    [Fact]
    public async Task Upload_UrlForOtherKey_Returns403()
    {
        var request = await _server.Storage.CreateUploadRequestAsync("uploads/a.pdf", new());
        var other = new Uri(
            request.Url.ToString().Replace("/uploads/a.pdf", "/uploads/b.pdf", StringComparison.Ordinal));

        using var response = await PutAsync(other, null, 1);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _server.Storage.ExistsAsync("uploads/b.pdf")).Should().BeFalse();
    }

    [Fact]
    public async Task Upload_MissingSignedContentType_Returns403WithReason()
    {
        var request = await _server.Storage.CreateUploadRequestAsync(
            "uploads/a.pdf", new() { ContentType = "application/pdf" });

        using var response = await PutAsync(request.Url, null, 1);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().Contain("does not match the signed 'application/pdf'");
    }

    [Fact]
    public async Task Upload_ChunkedBodyOverLimit_Returns413AndLeavesNoTempFile()
    {
        var request = await _server.Storage.CreateUploadRequestAsync("uploads/a.bin", new() { MaxSizeBytes = 1000 });
        using var content = new StreamContent(new MemoryStream(new byte[200_000]));
        content.Headers.ContentLength = null;
        using var message = new HttpRequestMessage(HttpMethod.Put, request.Url) { Content = content };
        message.Headers.TransferEncodingChunked = true;

        using var response = await _http.SendAsync(message);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        Directory.EnumerateFiles(Path.Combine(_server.Root.FullName, "tmp")).Should().BeEmpty();
        (await _server.Storage.ExistsAsync("uploads/a.bin")).Should().BeFalse();
    }

    [Theory]
    [InlineData("/storage/..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/storage/a//b")]
    [InlineData("/storage/a%5Cb")]
    public async Task Download_InvalidKeyPath_IsRejectedBeforeSignatureCheck(string path)
    {
        using var response = await _http.GetAsync(new Uri(_server.BaseUrl, path + "?expires=1&signature=x"));

        response.StatusCode.Should()
            .BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        response.IsSuccessStatusCode.Should().BeFalse();
    }

    [Fact]
    public async Task Write_HostileKeys_StayUnderObjectsFolder()
    {
        string[] keys = ["..a/b", "a/..b", "~/x", "CON/nul.txt", "a:b/c*d?.txt", ".hidden/.env"];

        foreach (var key in keys)
        {
            await _server.Storage.WriteAsync(key, new MemoryStream([1, 2, 3]));
        }

        var objects = Path.Combine(_server.Root.FullName, "objects") + Path.DirectorySeparatorChar;
        var files = Directory.EnumerateFiles(_server.Root.FullName, "*", SearchOption.AllDirectories).ToArray();
        files.Should().HaveCount(keys.Length);
        files.Should().OnlyContain(f => f.StartsWith(objects, StringComparison.Ordinal));
    }

    [Fact]
    public async Task OpenRead_AfterRestart_ReturnsObjectAndContentType()
    {
        await _server.Storage.WriteAsync(
            "results/kept.pdf", new MemoryStream([7, 8]), new() { ContentType = "application/pdf" });
        var root = _server.Root;
        var copy = Directory.CreateTempSubdirectory("ctf-local-restart-");
        foreach (var file in Directory.EnumerateFiles(root.FullName, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.FullName, Path.GetRelativePath(root.FullName, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        await using var restarted = await LocalStorageServer.StartAsync(_clock, copy);
        var download = await restarted.Storage.CreateDownloadRequestAsync("results/kept.pdf", new());
        using var response = await _http.GetAsync(download.Url);

        (await response.Content.ReadAsByteArrayAsync()).Should().Equal(7, 8);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
    }

    [Fact]
    public async Task PresignedUrl_ForAwkwardKey_KeepsKeyReadableInPath()
    {
        var request = await _server.Storage.CreateUploadRequestAsync("uploads/My File [1] (copy)'s ✓.pdf", new());

        Uri.UnescapeDataString(request.Url.AbsolutePath).Should().Be("/storage/uploads/My File [1] (copy)'s ✓.pdf");
        request.Url.Query.Should().Contain("signature=");
    }

    private Task<HttpResponseMessage> PutAsync(Uri url, string? contentType, int length)
    {
        var content = new ByteArrayContent(new byte[length]);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return _http.PutAsync(url, content);
    }

    private static Uri Replace(Uri url, string parameter, string value)
    {
        var parts = url.Query.TrimStart('?').Split('&')
            .Where(p => !p.StartsWith(parameter + "=", StringComparison.Ordinal));
        var query = string.Join('&', parts.Append($"{parameter}={Uri.EscapeDataString(value)}"));
        return new Uri(url.GetLeftPart(UriPartial.Path) + "?" + query);
    }
}
