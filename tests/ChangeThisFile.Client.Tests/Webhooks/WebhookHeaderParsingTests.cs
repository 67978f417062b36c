using System.Text;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.Tests.Webhooks;

/// <summary>Header shapes beyond the field cases, signed with a real secret so only the shape varies.</summary>
public sealed class WebhookHeaderParsingTests
{
    private const string Secret = "whsec_header_tests_91c2";
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("{\"event\":\"webhook.test\",\"data\":{}}");
    private static readonly string Signature = SignatureHex(Secret);

    [Theory]
    [InlineData("t=1767225600,v1={sig}")]
    [InlineData("  t=1767225600 ,\tv1={sig}\t")]
    [InlineData("v1={sig},t=1767225600")]
    [InlineData("t=1767225600,,v1={sig},")]
    [InlineData("t=1767225600,v2=anything,x=1,v1={sig}")]
    [InlineData("t=1767225600,sha256=00,v1={sig}")]
    [InlineData("t=01767225600,v1={sig}")]
    public void Verify_LenientShape_Accepts(string template)
    {
        var header = Expand(template);
        var timestampDigits = header.Contains("t=01767225600", StringComparison.Ordinal) ? "01767225600" : "1767225600";
        header = header.Replace(Signature, SignatureHex(Secret, timestampDigits), StringComparison.Ordinal);

        var result = Verifier().Verify(Body, header);

        result.Status.Should().Be(WebhookVerificationStatus.Valid);
    }

    [Theory]
    [InlineData("t=")]
    [InlineData("t=abc,v1={sig}")]
    [InlineData("t=-1767225600,v1={sig}")]
    [InlineData("t=+1767225600,v1={sig}")]
    [InlineData("t=1767225600.5,v1={sig}")]
    [InlineData("t=1 767225600,v1={sig}")]
    [InlineData("t=99999999999999999999,v1={sig}")]
    [InlineData("t=253402300800,v1={sig}")]
    [InlineData("v1={sig}")]
    [InlineData("t=1767225600,v1={sig},garbage")]
    [InlineData("t=1767225600,={sig}")]
    [InlineData("t=1767225600,v1={sig}=")]
    [InlineData("t=1767225600,v1={sig},v0=a=b")]
    [InlineData("t=1767225600,v1={sig}0")]
    [InlineData("t=1767225600,v1={sig},v1=abc")]
    [InlineData("t=1767225600,v1= {sig}")]
    [InlineData("t=1767225600,v1={sig}\u0000")]
    [InlineData("t=1767225600,v1={sig}\r\n")]
    [InlineData("t=1767225600;v1={sig}")]
    [InlineData("v0={sig}")]
    [InlineData("sha256=zz")]
    [InlineData(",,,")]
    public void Verify_MalformedShape_RejectsAsMalformed(string template)
    {
        var result = Verifier(allowLegacy: true).Verify(Body, Expand(template));

        result.Status.Should().Be(WebhookVerificationStatus.MalformedHeader);
        result.Message.Should().NotBeNullOrEmpty();
        result.Message.Should().NotContain(Signature);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Verify_AbsentHeader_ReturnsMissingHeader(string? header)
    {
        var result = Verifier().Verify(Body, header);

        result.Status.Should().Be(WebhookVerificationStatus.MissingHeader);
    }

    [Fact]
    public void Verify_EightSignatures_Accepts()
    {
        var others = Enumerable.Repeat("v1=" + new string('0', 64), 7);
        var header = $"t=1767225600,{string.Join(',', others)},v1={Signature}";

        var result = Verifier().Verify(Body, header);

        result.Status.Should().Be(WebhookVerificationStatus.Valid);
    }

    [Fact]
    public void Verify_NineSignatures_RejectsAsMalformed()
    {
        var others = Enumerable.Repeat("v1=" + new string('0', 64), 8);
        var header = $"t=1767225600,{string.Join(',', others)},v1={Signature}";

        var result = Verifier().Verify(Body, header);

        result.Status.Should().Be(WebhookVerificationStatus.MalformedHeader);
    }

    [Fact]
    public void Verify_HeaderLongerThanLimit_RejectsAsMalformed()
    {
        var header = $"t=1767225600,v1={Signature},x={new string('a', 4096)}";

        var result = Verifier().Verify(Body, header);

        result.Status.Should().Be(WebhookVerificationStatus.MalformedHeader);
    }

    [Fact]
    public void Verify_AllZeroSignature_RejectsWithoutMatch()
    {
        var header = "t=1767225600,v1=" + new string('0', 64);

        var result = Verifier().Verify(Body, header);

        result.Status.Should().Be(WebhookVerificationStatus.NoMatchingSignature);
        result.MatchedSecretIndex.Should().Be(-1);
    }

    [Fact]
    public void Verify_ValidResult_ReportsFormAndTimestamp()
    {
        var result = Verifier().Verify(Body, Expand("t=1767225600,v1={sig}"));

        result.Form.Should().Be(WebhookSignatureForm.V1);
        result.TimestampSeconds.Should().Be(1_767_225_600);
        result.Timestamp.Should().Be(Now);
    }

    [Fact]
    public void Verify_LegacyWithSeveralSignatures_AcceptsAnyMatch()
    {
        var legacy = WebhookSigner.CreateLegacySignatureHeader(Secret, Body);
        var header = "sha256=" + new string('1', 64) + "," + legacy;

        var result = Verifier(allowLegacy: true).Verify(Body, header);

        result.Status.Should().Be(WebhookVerificationStatus.Valid);
        result.Form.Should().Be(WebhookSignatureForm.Legacy);
        result.Timestamp.Should().BeNull();
    }

    private static WebhookSignatureVerifier Verifier(bool allowLegacy = false) =>
        WebhookVerifierFactory.Create([Secret], Now, allowLegacy);

    private static string Expand(string template) => template.Replace("{sig}", Signature, StringComparison.Ordinal);

    private static string SignatureHex(string secret, string timestampDigits = "1767225600")
    {
        var key = WebhookKeys.DeriveV1Key(secret);
        var message = Encoding.ASCII.GetBytes(timestampDigits + ".").Concat(Body).ToArray();
        return Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(key, message));
    }
}
