using System.Net;
using System.Net.Http.Headers;
using ChangeThisFile.Emulator.Tests.Infrastructure;

namespace ChangeThisFile.Emulator.Tests;

public sealed class AuthenticationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer ctf_sk_unknown")]
    [InlineData("Basic Y3RmOnNr")]
    public async Task Request_WithoutValidKey_Returns401InvalidApiKey(string? authorization)
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/usage");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.Single().Scheme.Should().Be("Bearer");
        var error = await EmulatorApi.ErrorAsync(response);
        error.Code.Should().Be("invalid_api_key");
        error.Message.Should().Be("The API key is missing or has been revoked.");
    }

    [Fact]
    public async Task Request_WithLowercaseBearerScheme_IsAccepted()
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", fixture.Emulator.ApiKey);

        using var response = await http.GetAsync("/v1/usage");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Request_UnknownRoute_Returns404Envelope()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.Http.GetAsync("/v1/formats");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await EmulatorApi.ErrorAsync(response)).Code.Should().Be("not_found");
    }

    [Fact]
    public async Task Request_WrongMethod_Returns405Envelope()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.Http.DeleteAsync("/v1/usage");

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        (await EmulatorApi.ErrorAsync(response)).Code.Should().Be("method_not_allowed");
    }

    [Fact]
    public async Task Health_WithoutKey_ReturnsOk()
    {
        using var http = new HttpClient { BaseAddress = fixture.Emulator.BaseAddress };

        using var response = await http.GetAsync("/health");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Start_ConfiguredKeys_ReplaceDefault()
    {
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            ApiKeys = { "ctf_sk_a", "ctf_sk_b" },
        });
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        var statuses = new List<HttpStatusCode>();
        foreach (var key in new[] { "ctf_sk_a", "ctf_sk_b", ConversionEmulatorOptions.DefaultApiKey })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/usage");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        statuses.Should().Equal(HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized);
        emulator.ApiKey.Should().Be("ctf_sk_a");
    }
}
