using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChangeThisFile.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Emulator.Tests;

public sealed class AccountEndpointTests
{
    [Fact]
    public async Task Usage_AfterConversions_CountsThemInCalendarMonth()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 15, 10, 0, 0, TimeSpan.Zero));
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            TimeProvider = clock,
        });
        using var api = EmulatorApi.For(emulator);
        using var converted = await api.ConvertAsync("a\n1\n"u8.ToArray(), "a.csv", "json");
        await api.SubmitJobAsync("a\n1\n"u8.ToArray(), "a.csv", "yaml");

        using var response = await api.Http.GetAsync("/v1/usage");

        var usage = await EmulatorApi.JsonAsync(response);
        usage.GetProperty("plan").GetString().Should().Be("free");
        usage.GetProperty("conversions_used").GetInt32().Should().Be(2);
        usage.GetProperty("conversions_limit").GetInt32().Should().Be(1000);
        usage.GetProperty("period_start").GetString().Should().Be("2026-12-01T00:00:00Z");
        usage.GetProperty("period_end").GetString().Should().Be("2027-01-01T00:00:00Z");
    }

    [Fact]
    public async Task Usage_FailedSyncConversion_IsNotCharged()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        using var failed = await api.ConvertAsync("junk"u8.ToArray(), "a.png", "jpg");

        using var response = await api.Http.GetAsync("/v1/usage");

        failed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await EmulatorApi.JsonAsync(response)).GetProperty("conversions_used").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Quota_WhenUsedUp_Returns429QuotaExceeded()
    {
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            MonthlyConversionLimit = 1,
        });
        using var api = EmulatorApi.For(emulator);
        using var first = await api.ConvertAsync("a\n1\n"u8.ToArray(), "a.csv", "json");

        using var second = await api.ConvertAsync("a\n1\n"u8.ToArray(), "a.csv", "json");

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        second.Headers.RetryAfter!.Delta.Should().BePositive();
        var error = await EmulatorApi.ErrorAsync(second);
        error.Code.Should().Be("quota_exceeded");
        error.Details!.Value.GetProperty("limit").GetInt32().Should().Be(1);
        error.Details!.Value.GetProperty("used").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task FreeKey_WithEmail_IssuesWorkingKey()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var response = await http.PostAsync("/v1/keys/free", Json("""{"email":"dev@example.com"}"""));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await EmulatorApi.JsonAsync(response);
        var key = body.GetProperty("api_key").GetString()!;
        key.Should().MatchRegex("^ctf_sk_[0-9a-f]{32}$");
        body.GetProperty("plan").GetString().Should().Be("free");
        body.GetProperty("monthly_limit").GetInt32().Should().Be(1000);
        body.GetProperty("message").GetString().Should().NotBeNullOrEmpty();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var usage = await http.GetAsync("/v1/usage");
        usage.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{"email":"not-an-email"}""", "'email'")]
    [InlineData("""{}""", "'email'")]
    [InlineData("""{"email":""", "not the expected JSON object")]
    [InlineData("", "needs a JSON object body")]
    public async Task FreeKey_InvalidBody_Returns400(string body, string message)
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseAddress };

        using var response = await http.PostAsync("/v1/keys/free", Json(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EmulatorApi.ErrorAsync(response)).Message.Should().Contain(message);
    }

    [Fact]
    public async Task Rotate_ReplacesCallingKey()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        var oldKey = emulator.ApiKey;

        using var response = await api.Http.PostAsync("/v1/keys/rotate", null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await EmulatorApi.JsonAsync(response);
        var newKey = body.GetProperty("api_key").GetString()!;
        newKey.Should().StartWith("ctf_sk_").And.NotBe(oldKey);
        body.GetProperty("created_at").GetString().Should().EndWith("Z");
        emulator.ApiKey.Should().Be(newKey);
        using var withOld = await api.Http.GetAsync("/v1/usage");
        withOld.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var fresh = EmulatorApi.For(emulator);
        using var withNew = await fresh.Http.GetAsync("/v1/usage");
        withNew.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
