using System.Text;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.Tests.Webhooks;

/// <summary>The worked signature vectors: verification, signing and the common wrong keys.</summary>
public sealed class WebhookVectorTests
{
    public static TheoryData<string> VectorNames => WebhookTestData.VectorNames();

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Verify_Vector_Accepts(string name)
    {
        var vector = WebhookTestData.Vector(name);
        var verifier = WebhookVerifierFactory.Create(
            [WebhookTestData.VectorSecret], vector.SignedAt, allowLegacy: vector.Scheme != "v1");

        var result = verifier.Verify(vector.Body, vector.Header);

        result.Status.Should().Be(WebhookVerificationStatus.Valid);
        result.MatchedSecretIndex.Should().Be(0);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Sign_Vector_ReproducesHeader(string name)
    {
        var vector = WebhookTestData.Vector(name);

        var header = vector.Scheme == "v1"
            ? WebhookSigner.CreateSignatureHeader(WebhookTestData.VectorSecret, vector.Body, vector.SignedAt)
            : WebhookSigner.CreateLegacySignatureHeader(WebhookTestData.VectorSecret, vector.Body);

        header.Should().Be(vector.Header);
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void Verify_VectorWithOneByteChanged_Rejects(string name)
    {
        var vector = WebhookTestData.Vector(name);
        var body = (byte[])vector.Body.Clone();
        body[^2] ^= 0x01;
        var verifier = WebhookVerifierFactory.Create(
            [WebhookTestData.VectorSecret], vector.SignedAt, allowLegacy: true);

        var result = verifier.Verify(body, vector.Header);

        result.Status.Should().Be(WebhookVerificationStatus.NoMatchingSignature);
    }

    [Fact]
    public void DeriveV1Key_VectorSecret_IsAsciiHexOfSha256()
    {
        var key = WebhookKeys.DeriveV1Key(WebhookTestData.VectorSecret);

        Encoding.ASCII.GetString(key).Should().Be(WebhookTestData.VectorSecretSha256Hex);
    }

    [Theory]
    [InlineData("raw-digest")]
    [InlineData("plain-secret")]
    public void Verify_SignatureFromWrongKeyDerivation_Rejects(string mistake)
    {
        var vector = WebhookTestData.Vector("v1-job-completed");
        var wrong = mistake == "raw-digest" ? vector.WrongIfRawDigestKey : vector.WrongIfPlainSecretKey;
        var header = $"t={vector.Timestamp},v1={wrong}";
        var verifier = WebhookVerifierFactory.Create([WebhookTestData.VectorSecret], vector.SignedAt);

        var result = verifier.Verify(vector.Body, header);

        result.Status.Should().Be(WebhookVerificationStatus.NoMatchingSignature);
    }

    [Fact]
    public void Verify_VectorBodyFiles_MatchVectorBodies()
    {
        var completed = WebhookTestData.PayloadBytes("webhook-vector-v1-body.json");
        var test = WebhookTestData.PayloadBytes("webhook-vector-test-body.json");
        var legacy = WebhookTestData.PayloadBytes("webhook-vector-legacy-body.json");

        completed.Should().Equal(WebhookTestData.Vector("v1-job-completed").Body);
        test.Should().Equal(WebhookTestData.Vector("v1-webhook-test").Body);
        legacy.Should().Equal(WebhookTestData.Vector("legacy-done").Body);
    }
}
