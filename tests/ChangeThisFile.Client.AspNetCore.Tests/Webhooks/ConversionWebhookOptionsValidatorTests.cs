namespace ChangeThisFile.Client.AspNetCore.Tests.Webhooks;

public sealed class ConversionWebhookOptionsValidatorTests
{
    [Fact]
    public void Validate_Defaults_Succeeds()
    {
        var result = new ConversionWebhookOptionsValidator().Validate(null, new ConversionWebhookOptions());

        result.Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Validate_UndefinedMode_NamesValue()
    {
        var options = new ConversionWebhookOptions { Mode = (WebhookAcknowledgementMode)7 };

        var result = new ConversionWebhookOptionsValidator().Validate(null, options);

        result.FailureMessage.Should().Contain("ConversionWebhookOptions.Mode is 7; set Inline or Queued.");
    }

    [Fact]
    public void Validate_SeveralBadValues_ReportsEach()
    {
        var options = new ConversionWebhookOptions { QueueCapacity = -1, BodyReadTimeout = TimeSpan.Zero };

        var result = new ConversionWebhookOptionsValidator().Validate(null, options);

        result.Failures.Should().HaveCount(2);
    }
}
