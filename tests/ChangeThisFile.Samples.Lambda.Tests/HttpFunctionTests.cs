using System.Text;
using ChangeThisFile.Samples.Lambda.Events;

namespace ChangeThisFile.Samples.Lambda.Tests;

/// <summary>The create-upload and status handlers with bad and unusual requests.</summary>
public sealed class HttpFunctionTests(LambdaTestEnvironment environment) : IClassFixture<LambdaTestEnvironment>
{
    [Fact]
    public async Task CreateUpload_TargetNotAllowed_Returns400()
    {
        await using var app = await environment.CreateAppAsync();
        var request = TestHttpRequest.Json("POST", "/conversions", """{"file_name":"a.csv","target":"exe"}""");

        var response = await LambdaApp.InvokeAsync(app.CreateUpload, request);

        response.StatusCode.Should().Be(400);
        response.ErrorCode.Should().Be("invalid_request");
        response.ErrorMessage.Should().Contain("json").And.Contain("yaml");
    }

    [Theory]
    [InlineData("{\"file_name\":")]
    [InlineData("[1,2]")]
    [InlineData("{\"file_name\":\"a.csv\",\"target\":\"json\",\"size\":\"big\"}")]
    public async Task CreateUpload_MalformedJson_Returns400(string body)
    {
        await using var app = await environment.CreateAppAsync();
        var request = TestHttpRequest.Json("POST", "/conversions", body);

        var response = await LambdaApp.InvokeAsync(app.CreateUpload, request);

        response.StatusCode.Should().Be(400);
        response.ErrorMessage.Should().Contain("file_name");
    }

    [Fact]
    public async Task CreateUpload_InvalidUtf8Body_Returns400()
    {
        await using var app = await environment.CreateAppAsync();
        var request = new TestHttpRequest("POST", "/conversions") { Body = [0xFF, 0xFE, 0x7B], Base64 = true };

        var response = await LambdaApp.InvokeAsync(app.CreateUpload, request);

        response.StatusCode.Should().Be(400);
    }

    [Fact]
    public async Task CreateUpload_MissingTarget_Returns400()
    {
        await using var app = await environment.CreateAppAsync();
        var request = TestHttpRequest.Json("POST", "/conversions", """{"file_name":"a.csv"}""");

        var response = await LambdaApp.InvokeAsync(app.CreateUpload, request);

        response.StatusCode.Should().Be(400);
        response.ErrorMessage.Should().Contain("target");
    }

    [Theory]
    [InlineData(ProxyFormat.RestApi)]
    [InlineData(ProxyFormat.HttpApi)]
    public async Task CreateUpload_Base64Body_Returns201(ProxyFormat format)
    {
        await using var app = await environment.CreateAppAsync();
        var request = TestHttpRequest.Json("POST", "/conversions", """{"file_name":"a.csv","target":"json"}""")
            with { Base64 = true };

        var response = await LambdaApp.InvokeAsync(app.CreateUpload, request, format);

        response.StatusCode.Should().Be(201, response.Body);
        response.Json.GetProperty("file_id").GetString().Should().HaveLength(22);
        response.Headers["cache-control"].Should().Be("no-store");
    }

    [Fact]
    public async Task CreateUpload_GetMethod_Returns405()
    {
        await using var app = await environment.CreateAppAsync();

        var response = await LambdaApp.InvokeAsync(app.CreateUpload, new TestHttpRequest("GET", "/conversions"));

        response.StatusCode.Should().Be(405);
        response.Headers["allow"].Should().Be("POST");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("{\"version\":")]
    public async Task CreateUpload_EventNotProxyRequest_ThrowsFormatException(string eventJson)
    {
        await using var app = await environment.CreateAppAsync();

        var invoke = () => app.CreateUpload.HandleAsync(new MemoryStream(Encoding.UTF8.GetBytes(eventJson)), default);

        (await invoke.Should().ThrowAsync<FormatException>()).WithMessage("*API Gateway*");
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA", "No conversion has the file id")]
    [InlineData("../../etc/passwd", "has 16 characters")]
    [InlineData("", "empty")]
    public async Task Status_UnknownOrInvalidFileId_Returns404(string fileId, string reason)
    {
        await using var app = await environment.CreateAppAsync();
        var request = new TestHttpRequest("GET", "/conversions/x")
        {
            PathParameters = new Dictionary<string, string> { ["fileId"] = fileId },
        };

        var response = await LambdaApp.InvokeAsync(app.Status, request);

        response.StatusCode.Should().Be(404);
        response.Json.GetProperty("status").GetString().Should().Be("not_found");
        response.Json.GetProperty("message").GetString().Should().Contain(reason);
    }

    [Fact]
    public async Task Status_PostMethod_Returns405()
    {
        await using var app = await environment.CreateAppAsync();

        var response = await LambdaApp.InvokeAsync(app.Status, new TestHttpRequest("POST", "/conversions/x"));

        response.StatusCode.Should().Be(405);
    }
}
