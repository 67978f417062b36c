using System.Text;
using ChangeThisFile.Client.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Client.Tests.Webhooks;

public sealed class WebhookToleranceTests
{
    private const string Secret = "whsec_tolerance_5d1e";
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"event\":\"job.completed\",\"data\":{}}");

    [Theory]
    [InlineData(0, WebhookVerificationStatus.Valid)]
    [InlineData(300, WebhookVerificationStatus.Valid)]
    [InlineData(-300, WebhookVerificationStatus.Valid)]
    [InlineData(301, WebhookVerificationStatus.TimestampOutsideTolerance)]
    [InlineData(-301, WebhookVerificationStatus.TimestampOutsideTolerance)]
    [InlineData(86_400, WebhookVerificationStatus.TimestampOutsideTolerance)]
    public void Verify_ClockOffsetWithDefaultTolerance_MatchesWindow(
        int clockOffsetSeconds, WebhookVerificationStatus expected)
    {
        var verifier = WebhookVerifierFactory.Create([Secret], SignedAt.AddSeconds(clockOffsetSeconds));

        var result = verifier.Verify(Body, WebhookSigner.CreateSignatureHeader(Secret, Body, SignedAt));

        result.Status.Should().Be(expected);
    }

    [Theory]
    [InlineData(60, WebhookVerificationStatus.Valid)]
    [InlineData(61, WebhookVerificationStatus.TimestampOutsideTolerance)]
    [InlineData(-61, WebhookVerificationStatus.TimestampOutsideTolerance)]
    public void Verify_CustomTolerance_MatchesWindow(int clockOffsetSeconds, WebhookVerificationStatus expected)
    {
        var options = new WebhookVerificationOptions { Secrets = [Secret], Tolerance = TimeSpan.FromSeconds(60) };
        var clock = new FakeTimeProvider(SignedAt.AddSeconds(clockOffsetSeconds));
        var verifier = new WebhookSignatureVerifier(options, clock);

        var result = verifier.Verify(Body, WebhookSigner.CreateSignatureHeader(Secret, Body, SignedAt));

        result.Status.Should().Be(expected);
    }

    [Fact]
    public void Verify_ClockAdvancesPastTolerance_RejectsSameDelivery()
    {
        var clock = new FakeTimeProvider(SignedAt);
        var verifier = new WebhookSignatureVerifier(new WebhookVerificationOptions { Secrets = [Secret] }, clock);
        var header = WebhookSigner.CreateSignatureHeader(Secret, Body, SignedAt);
        var first = verifier.Verify(Body, header);

        clock.Advance(TimeSpan.FromSeconds(301));
        var replay = verifier.Verify(Body, header);

        first.Status.Should().Be(WebhookVerificationStatus.Valid);
        replay.Status.Should().Be(WebhookVerificationStatus.TimestampOutsideTolerance);
        replay.Timestamp.Should().Be(SignedAt);
    }

    [Fact]
    public void Verify_StaleTimestampWithWrongSignature_ReportsTimestamp()
    {
        var verifier = WebhookVerifierFactory.Create([Secret], SignedAt.AddHours(1));

        var result = verifier.Verify(Body, "t=1767225600,v1=" + new string('a', 64));

        result.Status.Should().Be(WebhookVerificationStatus.TimestampOutsideTolerance);
    }
}
