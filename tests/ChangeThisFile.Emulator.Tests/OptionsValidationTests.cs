namespace ChangeThisFile.Emulator.Tests;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Validate_Defaults_ReturnsNoErrors()
    {
        new ConversionEmulatorOptions().Validate().Should().BeEmpty();
    }

    [Theory]
    [InlineData(nameof(ConversionEmulatorOptions.Port), "Port is 70000")]
    [InlineData(nameof(ConversionEmulatorOptions.MaxFileSizeBytes), "MaxFileSizeBytes is 0")]
    [InlineData(nameof(ConversionEmulatorOptions.MaxConcurrentJobs), "MaxConcurrentJobs is 0")]
    [InlineData(nameof(ConversionEmulatorOptions.WebhookRetryScale), "WebhookRetryScale is NaN")]
    [InlineData(nameof(ConversionEmulatorOptions.WebhookTimeout), "WebhookTimeout is 30.00:00:00")]
    [InlineData(nameof(ConversionEmulatorOptions.JobQueueDelay), "JobQueueDelay is -00:00:01")]
    [InlineData(nameof(ConversionEmulatorOptions.JobRetention), "JobRetention is 10675199.02:48:05.4775807")]
    [InlineData(nameof(ConversionEmulatorOptions.ResultUrlLifetime), "ResultUrlLifetime is 00:00:00")]
    [InlineData(nameof(ConversionEmulatorOptions.ApiKeys), "ApiKeys contains an empty key")]
    [InlineData(nameof(ConversionEmulatorOptions.WebhookSecret), "WebhookSecret is empty")]
    public void Validate_InvalidSetting_NamesSettingAndValue(string setting, string message)
    {
        var options = new ConversionEmulatorOptions();
        switch (setting)
        {
            case "Port": options.Port = 70000; break;
            case "MaxFileSizeBytes": options.MaxFileSizeBytes = 0; break;
            case "MaxConcurrentJobs": options.MaxConcurrentJobs = 0; break;
            case "WebhookRetryScale": options.WebhookRetryScale = double.NaN; break;
            case "WebhookTimeout": options.WebhookTimeout = TimeSpan.FromDays(30); break;
            case "JobQueueDelay": options.JobQueueDelay = TimeSpan.FromSeconds(-1); break;
            case "JobRetention": options.JobRetention = TimeSpan.MaxValue; break;
            case "ResultUrlLifetime": options.ResultUrlLifetime = TimeSpan.Zero; break;
            case "ApiKeys": options.ApiKeys.Add(" "); break;
            default: options.WebhookSecret = string.Empty; break;
        }

        var errors = options.Validate();

        errors.Should().ContainSingle().Which.Should().StartWith(message);
    }
}
