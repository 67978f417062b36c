using System.Net;
using ChangeThisFile.Emulator.Tests.Infrastructure;

namespace ChangeThisFile.Emulator.Tests;

/// <summary>Requests that match no route, or use the wrong method, inside and outside /v1.</summary>
public sealed class UnknownRouteTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/jobs")]
    [InlineData("POST", "/convert")]
    [InlineData("DELETE", "/files")]
    [InlineData("GET", "/files/job/name/extra")]
    [InlineData("PUT", "/v1")]
    [InlineData("GET", "/v1/formats")]
    [InlineData("PATCH", "/v1/jobs/abc/cancel")]
    public async Task Request_UnknownRoute_Returns404NotFoundEnvelope(string method, string path)
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new("Bearer", fixture.Emulator.ApiKey);

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        var error = await EmulatorApi.ErrorAsync(response);
        error.Code.Should().Be("not_found");
        error.Message.Should().Contain($"'{path}'");
    }

    [Fact]
    public async Task Request_UnknownRouteOutsideApi_NamesApiPrefix()
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress };

        using var response = await http.GetAsync("/jobs");

        (await EmulatorApi.ErrorAsync(response)).Message.Should().Be(
            "No route matches '/jobs'. The API's routes start with /v1, such as /v1/jobs.");
    }

    [Theory]
    [InlineData("POST", "/health")]
    [InlineData("DELETE", "/files/job/result.json")]
    [InlineData("PUT", "/v1/jobs")]
    public async Task Request_WrongMethod_Returns405Envelope(string method, string path)
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress };
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new("Bearer", fixture.Emulator.ApiKey);

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        var error = await EmulatorApi.ErrorAsync(response);
        error.Code.Should().Be("method_not_allowed");
        error.Message.Should().Be($"The route '{path}' does not accept {method} requests.");
    }

    [Fact]
    public async Task ResultUrl_BadSignature_Keeps403Forbidden()
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress };

        using var response = await http.GetAsync("/files/job/result.json?expires=1&signature=00");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await EmulatorApi.ErrorAsync(response)).Code.Should().Be("forbidden");
    }

    [Fact]
    public async Task Health_Get_StillReturnsOk()
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress };

        using var response = await http.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("""{"status":"ok"}""");
    }

    [Fact]
    public async Task Health_Get_ReturnsJsonContentType()
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress };

        using var response = await http.GetAsync("/health");

        var contentType = response.Content.Headers.ContentType;
        contentType.Should().NotBeNull();
        contentType!.MediaType.Should().Be("application/json");
        contentType.CharSet.Should().Be("utf-8");
    }
}
