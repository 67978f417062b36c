using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ChangeThisFile.Samples.Functions.Tests;

/// <summary>The create-upload and status functions with bad and unusual requests.</summary>
public sealed class HttpFunctionTests(FunctionsTestEnvironment environment) : IClassFixture<FunctionsTestEnvironment>
{
    [Fact]
    public async Task CreateUpload_TargetNotAllowed_Returns400()
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        using var http = new HttpClient { BaseAddress = baseAddress };

        using var response = await http.PostAsJsonAsync(
            "conversions", new Dictionary<string, string> { ["file_name"] = "a.csv", ["target"] = "exe" });

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await MessageAsync(response)).Should().Contain("json").And.Contain("yaml");
    }

    [Theory]
    [InlineData("{\"file_name\":")]
    [InlineData("[]")]
    [InlineData("{\"file_name\":\"a.csv\"}")]
    [InlineData("{\"file_name\":\"a.csv\",\"target\":\"json\",\"size\":\"big\"}")]
    public async Task CreateUpload_MalformedBody_Returns400(string body)
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await http.PostAsync("conversions", content);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await MessageAsync(response)).Should().Contain("file_name");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task CreateUpload_BodyOverLimit_Returns413(bool chunked)
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        using var http = new HttpClient { BaseAddress = baseAddress };
        var body = $$"""{"file_name":"{{new string('a', 20_000)}}.csv","target":"json"}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "conversions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task CreateUpload_Valid_ReturnsSasUpload()
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        using var http = new HttpClient { BaseAddress = baseAddress };

        var upload = await EndToEndTests.CreateUploadAsync(http, "photo.csv");

        upload.GetProperty("method").GetString().Should().Be("PUT");
        upload.GetProperty("upload_url").GetString().Should().Contain(app.Container + "/uploads/").And.Contain("sig=");
        upload.GetProperty("headers").GetProperty("x-ms-blob-type").GetString().Should().Be("BlockBlob");
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA", "No conversion has the file id")]
    [InlineData("not-a-file-id", "has 13 characters")]
    public async Task GetStatus_UnknownOrInvalidFileId_Returns404(string fileId, string reason)
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        using var http = new HttpClient { BaseAddress = baseAddress };

        using var response = await http.GetAsync("conversions/" + fileId);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        json.GetProperty("status").GetString().Should().Be("not_found");
        json.GetProperty("message").GetString().Should().Contain(reason);
    }

    private static async Task<string?> MessageAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("error").GetProperty("message").GetString();
}
