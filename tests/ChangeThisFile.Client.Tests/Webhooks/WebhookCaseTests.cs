using System.Text;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.Tests.Webhooks;

/// <summary>Every field case, through each input overload of the verifier.</summary>
public sealed class WebhookCaseTests
{
    public static TheoryData<string> AllCases => WebhookTestData.CaseIds();

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Verify_FieldCase_MatchesExpectation(string id)
    {
        var item = WebhookTestData.Case(id);

        var withoutLegacy = WebhookVerifierFactory.ForCase(item, allowLegacy: false).Verify(item.Body, item.Header);
        var withLegacy = WebhookVerifierFactory.ForCase(item, allowLegacy: true).Verify(item.Body, item.Header);

        AssertExpectation(item, withoutLegacy, withLegacy);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task VerifyAsync_FieldCaseFromStream_MatchesExpectation(string id)
    {
        var item = WebhookTestData.Case(id);

        var withoutLegacy = await WebhookVerifierFactory.ForCase(item, allowLegacy: false)
            .VerifyAsync(new MemoryStream(item.Body), item.Header);
        var withLegacy = await WebhookVerifierFactory.ForCase(item, allowLegacy: true)
            .VerifyAsync(new MemoryStream(item.Body), item.Header);

        AssertExpectation(item, withoutLegacy, withLegacy);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void Verify_FieldCaseAsUtf8String_MatchesExpectation(string id)
    {
        var item = WebhookTestData.Case(id);
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(item.Body);

        var withoutLegacy = WebhookVerifierFactory.ForCase(item, allowLegacy: false).Verify(text, item.Header);
        var withLegacy = WebhookVerifierFactory.ForCase(item, allowLegacy: true).Verify(text, item.Header);

        AssertExpectation(item, withoutLegacy, withLegacy);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public void VerifyAndParse_AcceptedCase_ParsesEvent(string id)
    {
        var item = WebhookTestData.Case(id);
        var verifier = WebhookVerifierFactory.ForCase(item, allowLegacy: true);

        var result = verifier.VerifyAndParse(item.Body, item.Header);

        result.Succeeded.Should().Be(item.Expect.StartsWith("accept", StringComparison.Ordinal)
            || item.Expect == "reject-when-legacy-disabled");
        if (result.Succeeded)
        {
            result.Event.Type.IsKnown.Should().BeTrue();
            result.Event.RawBody.ToArray().Should().Equal(item.Body);
        }
    }

    [Fact]
    public void VerifyAndParse_LeadingBom_ParsesWithBomSkippedAndKeepsRawBytes()
    {
        var item = WebhookTestData.Case("leading-bom");
        var verifier = WebhookVerifierFactory.ForCase(item, allowLegacy: false);

        var result = verifier.VerifyAndParse(item.Body, item.Header);

        result.Succeeded.Should().BeTrue();
        result.Event!.JobId.Should().Be("6f1d2c3b-0a9e-4d8c-b7a6-5e4f3d2c1b0a");
        result.Event.RawBody.Span[..3].ToArray().Should().Equal(0xEF, 0xBB, 0xBF);
    }

    [Fact]
    public void VerifyAndParse_NonAsciiBody_KeepsUtf8ResultUrl()
    {
        var item = WebhookTestData.Case("non-ascii");
        var verifier = WebhookVerifierFactory.ForCase(item, allowLegacy: false);

        var result = verifier.VerifyAndParse(item.Body, item.Header);

        result.Event!.ResultUrl.Should().Be("https://files.example.test/out/Café ₹ 🚒.pdf");
    }

    private static void AssertExpectation(
        WebhookCase item, WebhookVerificationResult withoutLegacy, WebhookVerificationResult withLegacy)
    {
        switch (item.Expect)
        {
            case "accept":
                withoutLegacy.Status.Should().Be(WebhookVerificationStatus.Valid, item.Id);
                break;
            case "reject":
                withoutLegacy.IsValid.Should().BeFalse(item.Id);
                withLegacy.IsValid.Should().BeFalse(item.Id);
                break;
            case "accept-when-legacy-enabled":
            case "reject-when-legacy-disabled":
                withoutLegacy.Status.Should().Be(WebhookVerificationStatus.LegacyFormDisabled, item.Id);
                withLegacy.Status.Should().Be(WebhookVerificationStatus.Valid, item.Id);
                break;
            case "reject-without-exception":
                withoutLegacy.Status.Should().Be(WebhookVerificationStatus.MalformedHeader, item.Id);
                withLegacy.Status.Should().Be(WebhookVerificationStatus.MalformedHeader, item.Id);
                break;
            default:
                throw new InvalidOperationException($"Unknown expectation '{item.Expect}' in case {item.Id}.");
        }
    }
}
