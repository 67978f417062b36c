using ChangeThisFile.Client.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Tests.Webhooks;

public sealed class WebhookVerificationOptionsTests
{
    private const string Secret = "whsec_options_test_0f9e";

    [Fact]
    public void Validate_Defaults_FailsOnlyForMissingSecret()
    {
        var result = Validate(new WebhookVerificationOptions());

        result.Failures.Should().ContainSingle().Which.Should().Contain("WebhookVerificationOptions.Secrets is empty");
    }

    [Fact]
    public void Validate_OneSecret_Succeeds()
    {
        var result = Validate(new WebhookVerificationOptions { Secrets = [Secret] });

        result.Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("", "WebhookVerificationOptions.Secrets[1] is empty")]
    [InlineData(" whsec_padded", "WebhookVerificationOptions.Secrets[1] starts or ends with white space")]
    [InlineData("whsec_padded\n", "WebhookVerificationOptions.Secrets[1] starts or ends with white space")]
    [InlineData(
        "ctf_sk_padded",
        "WebhookVerificationOptions.Secrets[1] is a value of 13 characters starting with 'ctf_sk_', " +
        "which looks like an API key")]
    public void Validate_BadSecret_NamesIndexNotValue(string secret, string expected)
    {
        var result = Validate(new WebhookVerificationOptions { Secrets = [Secret, secret] });

        result.FailureMessage.Should().Contain(expected);
        result.FailureMessage.Should().NotContain("padded");
    }

    [Fact]
    public void Validate_ApiKeyAsSecret_NamesSecretPrefix()
    {
        var result = Validate(new WebhookVerificationOptions { Secrets = ["ctf_sk_live_0123456789abcdef"] });

        result.Failures.Should().ContainSingle().Which
            .Should().Contain("Webhook secrets start with 'whsec_'").And.Contain("POST /v1/webhooks/secret");
    }

    [Fact]
    public void Validate_SecretWithoutWhsecPrefix_Succeeds()
    {
        var result = Validate(new WebhookVerificationOptions { Secrets = ["legacy-secret-without-prefix"] });

        result.Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(3601)]
    [InlineData(300 * 86_400)]
    public void Validate_ToleranceOutOfRange_NamesValueAndFix(int seconds)
    {
        var options = new WebhookVerificationOptions { Secrets = [Secret], Tolerance = TimeSpan.FromSeconds(seconds) };

        var result = Validate(options);

        result.FailureMessage.Should()
            .Contain("WebhookVerificationOptions.Tolerance is " + options.Tolerance.ToString("c"));
        result.FailureMessage.Should().Contain("00:00:01 to 01:00:00");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64L * 1024 * 1024 + 1)]
    public void Validate_MaxBodySizeOutOfRange_NamesValue(long size)
    {
        var result = Validate(new WebhookVerificationOptions { Secrets = [Secret], MaxBodySize = size });

        result.FailureMessage.Should().Contain($"WebhookVerificationOptions.MaxBodySize is {size}");
    }

    [Fact]
    public void Constructor_InvalidFixedOptions_ThrowsWithFix()
    {
        var create = () => new WebhookSignatureVerifier(new WebhookVerificationOptions());

        create.Should().Throw<ArgumentException>().WithMessage("*POST /v1/webhooks/secret*");
    }

    [Fact]
    public void AddConversionWebhookVerification_Configuration_BindsAllSettings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:Secrets:0"] = Secret,
            ["Webhooks:Secrets:1"] = "whsec_second",
            ["Webhooks:Tolerance"] = "00:02:00",
            ["Webhooks:AllowLegacySignatures"] = "true",
            ["Webhooks:MaxBodySize"] = "2048",
        }).Build();
        using var provider = new ServiceCollection()
            .AddConversionWebhookVerification(configuration.GetSection("Webhooks"))
            .BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<WebhookVerificationOptions>>().Value;

        options.Secrets.Should().Equal(Secret, "whsec_second");
        options.Tolerance.Should().Be(TimeSpan.FromMinutes(2));
        options.AllowLegacySignatures.Should().BeTrue();
        options.MaxBodySize.Should().Be(2048);
        provider.GetRequiredService<WebhookSignatureVerifier>().Should().NotBeNull();
    }

    [Fact]
    public void AddConversionWebhookVerification_InvalidConfiguration_FailsOnResolve()
    {
        using var provider = new ServiceCollection()
            .AddConversionWebhookVerification(options => options.Tolerance = TimeSpan.Zero)
            .BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<IOptions<WebhookVerificationOptions>>().Value;

        resolve.Should().Throw<OptionsValidationException>()
            .WithMessage("*WebhookVerificationOptions.Secrets is empty*");
    }

    private static ValidateOptionsResult Validate(WebhookVerificationOptions options) =>
        new WebhookVerificationOptionsValidator().Validate(null, options);
}
