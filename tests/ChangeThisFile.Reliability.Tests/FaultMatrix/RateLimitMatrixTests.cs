using System.Net;
using ChangeThisFile.Emulator;
using ChangeThisFile.Reliability.Tests.Infrastructure;

namespace ChangeThisFile.Reliability.Tests.FaultMatrix;

/// <summary>The emulator's own rate limiting as a fault: one request per key per clock minute.</summary>
public enum RateLimitFault
{
    /// <summary>The key's allowance for the current minute is used up when the call starts.</summary>
    AllowanceUsedUp,
}

/// <summary>
/// An emulator that allows one request per key per minute, on a clock its tests share with their
/// clients.
/// </summary>
public sealed class RateLimitedEmulatorFixture : EmulatorMatrixFixture
{
    public TestClock Clock { get; } = new();

    protected override ConversionEmulatorOptions Options() => new() { RateLimitPerMinute = 1, TimeProvider = Clock };

    // Each setup request gets a fresh minute, so the set-up itself is never rate limited.
    protected override void BeforeSetupRequest() => Clock.Advance(TimeSpan.FromMinutes(1));
}

/// <summary>
/// Every client call when the emulator responds with 429 <c>rate_limited</c> with a <c>Retry-After</c>
/// up to the end of the clock minute. Letters: R waited for <c>Retry-After</c>, retried and
/// succeeded (calls without an idempotency key too, because a 429 means the request was not
/// processed); S succeeded at once, because requesting a free key needs no key and is not
/// counted; downloads of results are never limited.
/// </summary>
public sealed class RateLimitMatrixTests(RateLimitedEmulatorFixture fixture) : IClassFixture<RateLimitedEmulatorFixture>
{
    public static TheoryData<ApiCall, RateLimitFault, Outcome> Matrix => MatrixTable.Rows(
        //                                Conv Up Url Job List Wait Down Use Free Key Sec Test
        (RateLimitFault.AllowanceUsedUp,  "R   R  R   R   R    R    -    R   S    R   R   R"));

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task UsedUpAllowance_GivesTableOutcome(ApiCall call, RateLimitFault fault, Outcome expected)
    {
        var clock = fixture.Clock;
        var emulator = fixture.Emulator;
        var minute = TimeSpan.FromMinutes(1);
        var nextMinute = (clock.GetUtcNow().UtcTicks / minute.Ticks * minute.Ticks) + minute.Ticks;
        clock.AdvanceTo(new DateTimeOffset(nextMinute, TimeSpan.Zero));
        using (var http = emulator.CreateHttpClient())
        {
            using var warmUp = await http.GetAsync(new Uri("v1/usage", UriKind.Relative));
            warmUp.StatusCode.Should().Be(HttpStatusCode.OK, $"the {fault} set-up request must use the allowance");
        }

        await using var client = new MatrixClient(emulator.BaseAddress, clock, emulator.ApiKey);

        var (summary, error) = await EmulatorMatrix.RunAsync(client, clock, call, fixture.Targets);

        EmulatorMatrix.CheckOutcome(expected, summary, error, client);
        EmulatorMatrix.CheckAttempts(call, expected, client, fixture.CompletedJobId);
        if (expected == Outcome.Retried)
        {
            var attempts = client.Attempts.ToList();
            (attempts[1].SentAt - attempts[0].SentAt).Should().BeGreaterThanOrEqualTo(
                minute, "the retry must wait until the minute's allowance is renewed");
        }
    }
}
