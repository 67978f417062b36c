using System.Text;
using ChangeThisFile.Client.Webhooks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Client.Tests.Webhooks;

public sealed class WebhookRotationTests
{
    private const string OldSecret = "whsec_rotation_old_11aa";
    private const string NewSecret = "whsec_rotation_new_22bb";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"event\":\"job.failed\",\"data\":{}}");

    [Fact]
    public void Verify_OptionsReplaced_UsesNewSecretsWithoutNewVerifier()
    {
        var monitor = new TestOptionsMonitor<WebhookVerificationOptions>(Options(OldSecret));
        var verifier = new WebhookSignatureVerifier(monitor, new FakeTimeProvider(Now));
        var oldHeader = WebhookSigner.CreateSignatureHeader(OldSecret, Body, Now);
        var newHeader = WebhookSigner.CreateSignatureHeader(NewSecret, Body, Now);
        var beforeOld = verifier.Verify(Body, oldHeader);
        var beforeNew = verifier.Verify(Body, newHeader);

        monitor.Set(Options(NewSecret));
        var afterOld = verifier.Verify(Body, oldHeader);
        var afterNew = verifier.Verify(Body, newHeader);

        beforeOld.Status.Should().Be(WebhookVerificationStatus.Valid);
        beforeNew.Status.Should().Be(WebhookVerificationStatus.NoMatchingSignature);
        afterOld.Status.Should().Be(WebhookVerificationStatus.NoMatchingSignature);
        afterNew.Status.Should().Be(WebhookVerificationStatus.Valid);
    }

    [Fact]
    public void Verify_BothSecretsDuringRotation_ReportsWhichMatched()
    {
        var verifier = WebhookVerifierFactory.Create([NewSecret, OldSecret], Now);

        var viaOld = verifier.Verify(Body, WebhookSigner.CreateSignatureHeader(OldSecret, Body, Now));
        var viaNew = verifier.Verify(Body, WebhookSigner.CreateSignatureHeader(NewSecret, Body, Now));

        viaOld.MatchedSecretIndex.Should().Be(1);
        viaNew.MatchedSecretIndex.Should().Be(0);
    }

    [Fact]
    public void Verify_HeaderSignedWithBothSecrets_AcceptsWithEitherConfigured()
    {
        var header = WebhookSigner.CreateSignatureHeader([NewSecret, OldSecret], Body, Now);

        var onlyOld = WebhookVerifierFactory.Create([OldSecret], Now).Verify(Body, header);
        var onlyNew = WebhookVerifierFactory.Create([NewSecret], Now).Verify(Body, header);

        onlyOld.IsValid.Should().BeTrue();
        onlyNew.IsValid.Should().BeTrue();
    }

    [Fact]
    public void Verify_OptionsFailValidationOnReload_ReturnsNoSecretConfigured()
    {
        var monitor = new TestOptionsMonitor<WebhookVerificationOptions>(Options(OldSecret));
        var verifier = new WebhookSignatureVerifier(monitor, new FakeTimeProvider(Now));
        var header = WebhookSigner.CreateSignatureHeader(OldSecret, Body, Now);

        monitor.Fail(new OptionsValidationException("", typeof(WebhookVerificationOptions), ["bad"]));
        var result = verifier.Verify(Body, header);

        result.Status.Should().Be(WebhookVerificationStatus.NoSecretConfigured);
    }

    [Fact]
    public void Verify_EmptySecretsFromMonitor_ReturnsNoSecretConfigured()
    {
        var monitor = new TestOptionsMonitor<WebhookVerificationOptions>(new WebhookVerificationOptions());
        var verifier = new WebhookSignatureVerifier(monitor, new FakeTimeProvider(Now));

        var result = verifier.Verify(Body, WebhookSigner.CreateSignatureHeader(OldSecret, Body, Now));

        result.Status.Should().Be(WebhookVerificationStatus.NoSecretConfigured);
    }

    [Fact]
    public void Verify_FixedOptionsMutatedAfterConstruction_KeepsSnapshot()
    {
        var options = Options(OldSecret);
        var verifier = new WebhookSignatureVerifier(options, new FakeTimeProvider(Now));

        options.Secrets.Clear();
        options.Secrets.Add(NewSecret);
        var result = verifier.Verify(Body, WebhookSigner.CreateSignatureHeader(OldSecret, Body, Now));

        result.IsValid.Should().BeTrue();
    }

    [Fact]
    public void Verify_LegacyOptInTurnedOffOnReload_RejectsLegacy()
    {
        var monitor = new TestOptionsMonitor<WebhookVerificationOptions>(Options(OldSecret, allowLegacy: true));
        var verifier = new WebhookSignatureVerifier(monitor, new FakeTimeProvider(Now));
        var header = WebhookSigner.CreateLegacySignatureHeader(OldSecret, Body);
        var before = verifier.Verify(Body, header);

        monitor.Set(Options(OldSecret, allowLegacy: false));
        var after = verifier.Verify(Body, header);

        before.Status.Should().Be(WebhookVerificationStatus.Valid);
        after.Status.Should().Be(WebhookVerificationStatus.LegacyFormDisabled);
    }

    private static WebhookVerificationOptions Options(string secret, bool allowLegacy = false) =>
        new() { Secrets = [secret], AllowLegacySignatures = allowLegacy };
}
