using System.Text.RegularExpressions;

namespace ChangeThisFile.Client.Flow.Tests.Unit;

public sealed class ConversionFlowOptionsValidatorTests
{
    [Fact]
    public void Validate_CompleteOptions_Succeeds()
    {
        var result = new ConversionFlowOptionsValidator().Validate(null, Valid());

        result.Succeeded.Should().BeTrue(result.FailureMessage);
    }

    public static TheoryData<string, Action<ConversionFlowOptions>, string> Failures() => new()
    {
        { "missing webhook URL", o => o.WebhookUrl = null, "WebhookUrl '' must be the absolute https URL" },
        { "relative webhook URL", o => o.WebhookUrl = new Uri("/hooks", UriKind.Relative), "must be the absolute" },
        { "plain http off loopback", o => o.WebhookUrl = new Uri("http://app.example.test/h"), "not loopback" },
        { "user information", o => o.WebhookUrl = new Uri("https://u:p@app.example.test/h"), "user information" },
        { "no targets", o => o.AllowedTargets.Clear(), "AllowedTargets is empty" },
        { "target with a slash", o => o.AllowedTargets.Add("../pdf"), "entry '../pdf' is not a file extension" },
        { "input prefix without slash", o => o.InputKeyPrefix = "uploads", "InputKeyPrefix 'uploads' must be" },
        { "output prefix traversal", o => o.OutputKeyPrefix = "results/../", "is not a valid key prefix" },
        { "same prefixes", o => o.OutputKeyPrefix = "uploads/", "equals InputKeyPrefix 'uploads/'" },
        { "output inside input", o => o.OutputKeyPrefix = "uploads/results/", "would look like a new upload" },
        { "input inside output", o => o.InputKeyPrefix = "results/in/", "overlaps InputKeyPrefix 'results/in/'" },
        { "zero upload expiry", o => o.UploadUrlExpiry = TimeSpan.Zero, "UploadUrlExpiry 00:00:00 must be between" },
        { "eight-day input expiry", o => o.InputUrlExpiry = TimeSpan.FromDays(8), "InputUrlExpiry 8.00:00:00 must be" },
        { "negative download expiry", o => o.DownloadUrlExpiry = TimeSpan.FromSeconds(-1), "-00:00:01 must be" },
        { "zero size", o => o.MaxUploadSizeBytes = 0, "MaxUploadSizeBytes 0 must be a positive number of bytes" },
        { "no conflict retries", o => o.MaxConflictRetries = 0, "MaxConflictRetries 0 must be between 1 and 100" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Validate_InvalidSetting_NamesValueAndFix(
        string _, Action<ConversionFlowOptions> breakIt, string expected)
    {
        var options = Valid();
        breakIt(options);

        var result = new ConversionFlowOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain(expected);
    }

    [Theory]
    [InlineData("uploads/", "uploads/", "OutputKeyPrefix 'uploads/' equals InputKeyPrefix 'uploads/'", "'results/'")]
    [InlineData("incoming/", "incoming/", "OutputKeyPrefix 'incoming/' equals InputKeyPrefix", "'results/'")]
    [InlineData("results/", "results/", "OutputKeyPrefix 'results/' equals InputKeyPrefix", "'converted/'")]
    [InlineData("results/in/", "results/", "'results/' overlaps InputKeyPrefix 'results/in/'", "'converted/'")]
    [InlineData("uploads/", "uploads/out/", "'uploads/out/' overlaps InputKeyPrefix 'uploads/'", "'results/'")]
    public void Validate_OverlappingPrefixes_SuggestsSeparateOutput(
        string input, string output, string expected, string suggestion)
    {
        var options = Valid();
        options.InputKeyPrefix = input;
        options.OutputKeyPrefix = output;

        var failure = new ConversionFlowOptionsValidator().Validate(null, options).Failures!.Single();

        failure.Should().Contain(expected);
        failure.Should().EndWith($"Set OutputKeyPrefix to a prefix outside the inputs, such as {suggestion}.");
    }

    [Theory]
    [InlineData("uploads/")]
    [InlineData("results/")]
    [InlineData("results/in/")]
    public void Validate_SuggestedOutputPrefix_IsAccepted(string input)
    {
        var validator = new ConversionFlowOptionsValidator();
        var options = Valid();
        options.InputKeyPrefix = input;
        options.OutputKeyPrefix = input;
        var failure = validator.Validate(null, options).Failures!.Single();

        options.OutputKeyPrefix = Regex.Match(failure, "such as '([^']+)'\\.$").Groups[1].Value;
        var result = validator.Validate(null, options);

        result.Succeeded.Should().BeTrue(result.FailureMessage);
    }

    [Fact]
    public void Validate_LoopbackHttpWebhook_Succeeds()
    {
        var options = Valid();
        options.WebhookUrl = new Uri("http://127.0.0.1:5080/webhooks");

        new ConversionFlowOptionsValidator().Validate(null, options).Succeeded.Should().BeTrue();
    }

    private static ConversionFlowOptions Valid()
    {
        var options = new ConversionFlowOptions { WebhookUrl = new Uri("https://app.example.test/webhooks") };
        options.AllowedTargets.Add("pdf");
        options.AllowedTargets.Add("WEBP");
        return options;
    }
}
