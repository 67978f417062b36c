using System.Globalization;
using System.Net;
using ChangeThisFile.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Emulator.Tests;

public sealed class RateLimitTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 12, 0, 10, TimeSpan.Zero);

    [Fact]
    public async Task Requests_WithinLimit_CountDownRemaining()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            TimeProvider = clock,
            RateLimitPerMinute = 3,
        });
        using var api = EmulatorApi.For(emulator);

        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await api.Http.GetAsync("/v1/usage");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Headers.GetValues("X-RateLimit-Limit").Single().Should().Be("3");
            response.Headers.GetValues("X-RateLimit-Reset").Single().Should().Be(Epoch(Start.AddSeconds(50)));
            remaining.Add(response.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        remaining.Should().Equal("2", "1", "0");
    }

    [Fact]
    public async Task Request_OverLimit_Returns429WithRetryAfter()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            TimeProvider = clock,
            RateLimitPerMinute = 2,
        });
        using var api = EmulatorApi.For(emulator);
        (await api.Http.GetAsync("/v1/usage")).Dispose();
        (await api.Http.GetAsync("/v1/usage")).Dispose();

        using var limited = await api.Http.GetAsync("/v1/jobs");

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        limited.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(50));
        limited.Headers.GetValues("X-RateLimit-Remaining").Single().Should().Be("0");
        var error = await EmulatorApi.ErrorAsync(limited);
        error.Code.Should().Be("rate_limited");
        error.Details!.Value.GetProperty("limit").GetInt32().Should().Be(2);
        error.Details!.Value.GetProperty("retry_after").GetInt32().Should().Be(50);
    }

    [Fact]
    public async Task Request_InNextMinute_IsAllowedAgain()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            TimeProvider = clock,
            RateLimitPerMinute = 1,
        });
        using var api = EmulatorApi.For(emulator);
        (await api.Http.GetAsync("/v1/usage")).Dispose();
        using var limited = await api.Http.GetAsync("/v1/usage");

        clock.Advance(TimeSpan.FromSeconds(50));
        using var allowed = await api.Http.GetAsync("/v1/usage");

        limited.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        allowed.StatusCode.Should().Be(HttpStatusCode.OK);
        allowed.Headers.GetValues("X-RateLimit-Reset").Single().Should().Be(Epoch(Start.AddSeconds(110)));
    }

    [Fact]
    public async Task Limit_IsCountedPerKey()
    {
        var clock = new FakeTimeProvider(Start);
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            TimeProvider = clock,
            RateLimitPerMinute = 1,
            ApiKeys = { "ctf_sk_one", "ctf_sk_two" },
        });
        using var one = new HttpClient { BaseAddress = emulator.BaseAddress };
        one.DefaultRequestHeaders.Authorization = new("Bearer", "ctf_sk_one");
        using var two = new HttpClient { BaseAddress = emulator.BaseAddress };
        two.DefaultRequestHeaders.Authorization = new("Bearer", "ctf_sk_two");
        (await one.GetAsync("/v1/usage")).Dispose();

        using var other = await two.GetAsync("/v1/usage");

        other.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static string Epoch(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
