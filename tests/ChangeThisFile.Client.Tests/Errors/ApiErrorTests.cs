using System.Net;
using ChangeThisFile.Client.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChangeThisFile.Client.Tests.Errors;

/// <summary>How unsuccessful responses of every kind become <see cref="ConversionApiException"/>.</summary>
public sealed class ApiErrorTests : IDisposable
{
    private const string JobId = "job-1";
    private readonly ApiServer _api = new();
    private readonly FakeTimeProvider _time = new(ClientHarness.Epoch);
    private readonly ClientHarness _harness;

    public ApiErrorTests() => _harness = new ClientHarness(_api.Url, options => options.MaxRetryAttempts = 0, _time);

    public void Dispose()
    {
        _harness.Dispose();
        _api.Dispose();
    }

    [Theory]
    [InlineData(400, "bad_request", false)]
    [InlineData(401, "invalid_api_key", false)]
    [InlineData(404, "not_found", false)]
    [InlineData(409, "bad_request", true)]
    [InlineData(413, "file_too_large", false)]
    [InlineData(422, "unsupported_route", false)]
    [InlineData(422, "bad_request", false)]
    [InlineData(429, "rate_limited", true)]
    [InlineData(429, "quota_exceeded", false)]
    [InlineData(502, "service_unavailable", true)]
    [InlineData(418, "teapot_overflow", false)]
    public async Task ErrorCode_IsKeptWithStatus(int status, string code, bool transient)
    {
        Serve(Responses.Json(status, $$$"""{"error":{"code":"{{{code}}}","message":"Text."}}"""));

        var exception = await CatchAsync();

        exception.StatusCode.Should().Be((HttpStatusCode)status);
        exception.ErrorCode.Should().Be(new ConversionErrorCode(code));
        exception.ErrorCode.Value.Should().Be(code);
        exception.IsTransient.Should().Be(transient);
    }

    [Theory]
    [InlineData(401, "invalid_api_key", "CTF_API_KEY")]
    [InlineData(429, "quota_exceeded", "monthly conversion allowance")]
    [InlineData(413, "file_too_large", "smaller file")]
    [InlineData(422, "unsupported_route", "format pair")]
    [InlineData(409, "bad_request", "still running")]
    [InlineData(422, "bad_request", "new key")]
    public async Task ErrorMessage_NamesTheFix(int status, string code, string hint)
    {
        Serve(Responses.Json(status, $$$"""{"error":{"code":"{{{code}}}","message":"Text."}}"""));

        var exception = await CatchAsync();

        exception.Message.Should().Contain(hint);
        exception.Message.Should().Contain($"GET {_api.Url}v1/jobs/{JobId}");
    }

    [Fact]
    public async Task HtmlGatewayPage_GivesClearError()
    {
        Serve(Response.Create().WithStatusCode(504).WithHeader("Content-Type", "text/html")
            .WithBody("<html><body><h1>504 Gateway Time-out</h1></body></html>"));

        var exception = await CatchAsync();

        exception.StatusCode.Should().Be(HttpStatusCode.GatewayTimeout);
        exception.ErrorCode.IsEmpty.Should().BeTrue();
        exception.Error.Should().BeNull();
        exception.ResponseBodyExcerpt.Should().Contain("504 Gateway Time-out");
        exception.Message.Should().Contain("HTTP 504").And.Contain("text/html")
            .And.Contain("not the API's JSON error envelope");
        exception.IsTransient.Should().BeTrue();
    }

    [Fact]
    public async Task EmptyBody_GivesClearError()
    {
        Serve(Response.Create().WithStatusCode(503));

        var exception = await CatchAsync();

        exception.ErrorCode.IsEmpty.Should().BeTrue();
        exception.ResponseBodyExcerpt.Should().BeNull();
        exception.Message.Should().Contain("HTTP 503").And.Contain("no body");
    }

    [Theory]
    [InlineData("""{"error":"Not Found"}""", "", "Not Found")]
    [InlineData("""{"code":"not_found","message":"Gone."}""", "not_found", "Gone.")]
    [InlineData("""{"error":{"code":42,"message":["a"]}}""", "42", null)]
    [InlineData("""{"error":null}""", "", null)]
    [InlineData("""[1,2]""", "", null)]
    [InlineData("""{"error":{"code":"x""", "", null)]
    public async Task OddErrorBody_NeverThrowsWhileParsing(string body, string code, string? message)
    {
        Serve(Responses.Json(404, body));

        var exception = await CatchAsync();

        exception.StatusCode.Should().Be(HttpStatusCode.NotFound);
        exception.ErrorCode.Value.Should().Be(code);
        if (message is not null)
        {
            exception.ErrorMessage.Should().Be(message);
        }
    }

    [Theory]
    [InlineData("X-Request-Id", "req_1")]
    [InlineData("Request-Id", "req_2")]
    [InlineData("X-Correlation-Id", "corr_3")]
    [InlineData("CF-Ray", "8a1b2c3d4e5f-AMS")]
    public async Task RequestIdHeader_IsKept(string header, string value)
    {
        Serve(Responses.Json(500, """{"error":{"code":"internal","message":"Boom."}}""").WithHeader(header, value));

        var exception = await CatchAsync();

        exception.RequestId.Should().Be(value);
        exception.Message.Should().Contain("Request id: " + value);
    }

    [Fact]
    public async Task RetryAfterSeconds_IsRead()
    {
        Serve(RateLimited().WithHeader("Retry-After", "17"));

        var exception = await CatchAsync();

        exception.RetryAfter.Should().Be(TimeSpan.FromSeconds(17));
        exception.Message.Should().Contain("Retry after 17 s");
    }

    [Fact]
    public async Task RetryAfterHttpDate_IsReadAgainstClock()
    {
        var date = ClientHarness.Epoch.AddSeconds(90).ToString("R");
        Serve(RateLimited().WithHeader("Retry-After", date));

        var exception = await CatchAsync();

        exception.RetryAfter.Should().Be(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task RateLimitHeaders_AreRead()
    {
        Serve(Responses.Json(429, """{"error":{"code":"rate_limited","message":"Slow down."}}""")
            .WithHeader("X-RateLimit-Limit", "10")
            .WithHeader("X-RateLimit-Remaining", "0")
            .WithHeader("X-RateLimit-Reset", "1767225660"));

        var exception = await CatchAsync();

        exception.RateLimit.Should().Be(new RateLimitInfo(10, 0, DateTimeOffset.FromUnixTimeSeconds(1767225660)));
    }

    [Fact]
    public async Task SmallRateLimitReset_IsRelative()
    {
        Serve(Responses.Json(429, "{}").WithHeader("X-RateLimit-Reset", "30"));

        var exception = await CatchAsync();

        exception.RateLimit!.ResetsAt.Should().Be(ClientHarness.Epoch.AddSeconds(30));
    }

    [Theory]
    [InlineData("Key ctf_sk_test_0123456789abcdefSECRET is revoked.")]
    [InlineData("Key ctf_sk_someoneElse99 is revoked.")]
    [InlineData("Secret whsec_abc123 is wrong.")]
    public async Task EchoedSecret_IsRedacted(string serverMessage)
    {
        Serve(Responses.Json(401, $$$"""{"error":{"code":"invalid_api_key","message":"{{{serverMessage}}}"}}"""));

        var exception = await CatchAsync();

        exception.Message.Should().NotContain(ClientHarness.ApiKey).And.NotContain("someoneElse99")
            .And.NotContain("abc123");
        exception.ErrorMessage.Should().Contain("[redacted]");
        exception.ToString().Should().NotContain(ClientHarness.ApiKey);
    }

    [Fact]
    public async Task EchoedSecretInHtml_IsRedactedFromExcerpt()
    {
        Serve(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "text/html")
            .WithBody($"<p>Authorization: Bearer {ClientHarness.ApiKey}</p>"));

        var exception = await CatchAsync();

        exception.ResponseBodyExcerpt.Should().NotContain(ClientHarness.ApiKey).And.Contain("[redacted]");
    }

    [Fact]
    public async Task SignedUrlQuery_StaysOutOfMessage()
    {
        using var storage = new ApiServer();
        storage.Server.Given(Request.Create().UsingGet()).RespondWith(Response.Create().WithStatusCode(403)
            .WithHeader("Content-Type", "application/xml").WithBody("<Error><Code>AccessDenied</Code></Error>"));
        using var harness = new ClientHarness(
            _api.Url, options => options.TrustedDownloadHosts.Add(storage.Url.Authority));
        var url = new Uri(storage.Url, "out/a.webp?X-Amz-Signature=deadbeef");

        var thrown = await harness.Client
            .Invoking(client => client.DownloadAsync(url, Stream.Null))
            .Should().ThrowAsync<ConversionApiException>();

        thrown.Which.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        thrown.Which.Message.Should().Contain("out/a.webp").And.NotContain("deadbeef")
            .And.NotContain("X-Amz-Signature");
        thrown.Which.Endpoint.Should().NotContain("?");
    }

    private static IResponseBuilder RateLimited() =>
        Responses.Json(429, """{"error":{"code":"rate_limited","message":"Slow down."}}""");

    private void Serve(IResponseBuilder response) =>
        _api.Server.Given(Request.Create().WithPath($"/v1/jobs/{JobId}").UsingGet()).RespondWith(response);

    private async Task<ConversionApiException> CatchAsync()
    {
        var thrown = await _harness.Client.Invoking(client => client.GetJobAsync(JobId))
            .Should().ThrowAsync<ConversionApiException>();
        return thrown.Which;
    }
}
