using System.Text;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.Tests.Webhooks;

public sealed class WebhookSignerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

    [Fact]
    public void CreateSignatureHeader_TwoSecrets_WritesOneV1Each()
    {
        var header = WebhookSigner.CreateSignatureHeader(["whsec_a", "whsec_b"], "{}"u8, Now);

        header.Should().MatchRegex("^t=1767225600,v1=[0-9a-f]{64},v1=[0-9a-f]{64}$");
    }

    [Fact]
    public void CreateSignatureHeader_StringBody_SignsUtf8Bytes()
    {
        const string body = "{\"name\":\"Café ₹\"}";

        var fromString = WebhookSigner.CreateSignatureHeader("whsec_a", body, Now);
        var fromBytes = WebhookSigner.CreateSignatureHeader("whsec_a", Encoding.UTF8.GetBytes(body), Now);

        fromString.Should().Be(fromBytes);
    }

    [Fact]
    public void CreateSignatureHeader_FractionalTime_UsesWholeSeconds()
    {
        var header = WebhookSigner.CreateSignatureHeader("whsec_a", "{}"u8, Now.AddMilliseconds(999));

        header.Should().StartWith("t=1767225600,");
    }

    [Fact]
    public void CreateLegacySignatureHeader_StringBody_IsLowercaseSha256Form()
    {
        var header = WebhookSigner.CreateLegacySignatureHeader("whsec_a", "{}");

        header.Should().MatchRegex("^sha256=[0-9a-f]{64}$");
    }

    [Fact]
    public void CreateSignatureHeader_EmptySecret_Throws()
    {
        var sign = () => WebhookSigner.CreateSignatureHeader("", "{}"u8.ToArray(), Now);

        sign.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void CreateSignatureHeader_NoSecrets_Throws()
    {
        var sign = () => WebhookSigner.CreateSignatureHeader(Array.Empty<string>(), "{}"u8.ToArray(), Now);

        sign.Should().Throw<ArgumentException>().WithMessage("*at least one*");
    }

    [Fact]
    public void CreateSignatureHeader_BeforeEpoch_Throws()
    {
        var beforeEpoch = DateTimeOffset.UnixEpoch.AddSeconds(-1);

        var sign = () => WebhookSigner.CreateSignatureHeader("whsec_a", "{}"u8.ToArray(), beforeEpoch);

        sign.Should().Throw<ArgumentOutOfRangeException>();
    }
}
