using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;

namespace ChangeThisFile.Samples.AspNetCore.Tests;

/// <summary>
/// Error responses of the sample's own routes. Each one has a problem body that names the value and the fix.
/// </summary>
public sealed class ApiProblemTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private RunningSample Sample => fixture.Sample;

    [Theory]
    [InlineData("text/plain", "The request's Content-Type is 'text/plain; charset=utf-8'.")]
    [InlineData("application/x-www-form-urlencoded", "Content-Type is 'application/x-www-form-urlencoded")]
    public async Task CreateUpload_NotJson_Returns415Problem(string mediaType, string expected)
    {
        using var content = new StringContent("file_name=people.csv", Encoding.UTF8, mediaType);

        using var response = await Sample.Http.PostAsync("/api/uploads", content);
        var detail = await ProblemDetailAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        detail.Should().Contain(expected);
        detail.Should().Contain("Content-Type: application/json");
    }

    [Fact]
    public async Task CreateUpload_NoContentType_Returns415Problem()
    {
        using var content = new ByteArrayContent("{}"u8.ToArray());

        using var response = await Sample.Http.PostAsync("/api/uploads", content);
        var detail = await ProblemDetailAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
        detail.Should().StartWith("The request's Content-Type is none.");
    }

    [Theory]
    [InlineData("", "The request body is empty.")]
    [InlineData("{\"file_name\":", "The request body is not valid JSON: ")]
    [InlineData("[1,2]", "The request body is a JSON array, not an object.")]
    [InlineData("{\"file_name\":\"a.csv\",\"target\":\"json\",\"size\":\"250\"}",
        "The field 'size' has the invalid value \"250\".")]
    [InlineData("{\"file_name\":[\"a.csv\"],\"target\":\"json\"}",
        "The field 'file_name' has the invalid value [\"a.csv\"].")]
    public async Task CreateUpload_InvalidJson_Returns400ProblemNamingValue(string json, string expected)
    {
        using var response = await PostJsonAsync(json);
        var detail = await ProblemDetailAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        detail.Should().Contain(expected);
        detail.Should().Contain("""{"file_name":"people.csv","target":"json","content_type":"text/csv","size":250}""");
    }

    [Fact]
    public async Task CreateUpload_OversizedBody_Returns413Problem()
    {
        var json = $$"""{"file_name":"{{new string('a', 70_000)}}","target":"json"}""";

        using var response = await PostJsonAsync(json);
        var detail = await ProblemDetailAsync(response);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        detail.Should().StartWith("The request body is larger than 65536 bytes.");
    }

    [Theory]
    [InlineData("GET", "/api/nothing", HttpStatusCode.NotFound, "No API route matches GET /api/nothing.")]
    [InlineData("DELETE", "/api/conversions/a/b/c", HttpStatusCode.NotFound, "No API route matches DELETE")]
    [InlineData("GET", "/api/uploads", HttpStatusCode.MethodNotAllowed,
        "The route /api/uploads does not accept GET requests.")]
    [InlineData("DELETE", "/api/conversions/abc", HttpStatusCode.MethodNotAllowed,
        "The route /api/conversions/abc does not accept DELETE requests.")]
    public async Task Api_UnknownRouteOrMethod_ReturnsProblemListingRoutes(
        string method, string path, HttpStatusCode status, string expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        using var response = await Sample.Http.SendAsync(request);
        var detail = await ProblemDetailAsync(response);

        response.StatusCode.Should().Be(status);
        detail.Should().StartWith(expected);
        detail.Should().Contain("POST /api/uploads");
    }

    private Task<HttpResponseMessage> PostJsonAsync(string json) =>
        Sample.Http.PostAsync("/api/uploads", new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Checks that the body is a problem and returns its <c>detail</c>, which the page shows.</summary>
    private static async Task<string> ProblemDetailAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType.Should().Be(MediaTypeHeaderValue.Parse("application/problem+json"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetInt32().Should().Be((int)response.StatusCode);
        return body.RootElement.GetProperty("detail").GetString()!;
    }
}
