using System.Globalization;
using System.Net;
using ChangeThisFile.Client;
using ChangeThisFile.Reliability.Tests.Infrastructure;

namespace ChangeThisFile.Reliability.Tests.FaultMatrix;

/// <summary>
/// A control call whose next retry could not start before
/// <see cref="ConversionClientOptions.TotalTimeout"/> expires ends with the server's last response,
/// which names the cause and the wait it requested, not with a bare timeout. With the default
/// 3 minutes, three waits of 60 s reach the limit; waits of 45 s leave room for all four attempts.
/// </summary>
public sealed class RetryBudgetTests(RawServerFixture fixture) : IClassFixture<RawServerFixture>
{
    [Theory]
    [InlineData(429, 60, 3)]
    [InlineData(503, 60, 3)]
    [InlineData(429, 45, 4)]
    public async Task RetryAfterBeyondTotalTimeout_ThrowsLastApiError(
        int status, int retryAfterSeconds, int expectedAttempts)
    {
        var clock = new TestClock();
        var api = fixture.Server.Api;
        api.Clock = clock;
        var reply = ApiReply.Create(
            status,
            "application/json",
            """{"error":{"code":"rate_limited","message":"Slow down."}}"""u8.ToArray(),
            ("Retry-After", retryAfterSeconds.ToString(CultureInfo.InvariantCulture)));
        api.SetFault((_, _, _) => new ServerAction(ServerActionKind.Respond, reply));
        await using var client = new MatrixClient(api.BaseAddress, clock);

        var (_, error) = await EmulatorMatrix.RunAsync(client, clock, ApiCall.Usage, CallTargets.For(api));

        var thrown = error.Should().BeOfType<ConversionApiException>().Subject;
        thrown.StatusCode.Should().Be((HttpStatusCode)status);
        thrown.RetryAfter.Should().Be(TimeSpan.FromSeconds(retryAfterSeconds));
        client.Attempts.Should().HaveCount(expectedAttempts);
        clock.GetUtcNow().Should().BeBefore(TestClock.Epoch + ConversionClientOptions.DefaultTotalTimeout);
    }
}
