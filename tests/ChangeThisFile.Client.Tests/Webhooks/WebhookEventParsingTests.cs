using System.Text;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.Tests.Webhooks;

public sealed class WebhookEventParsingTests
{
    [Fact]
    public void TryParse_CompletedEnvelope_MapsResult()
    {
        var webhookEvent = Parse(WebhookTestData.PayloadBytes("webhook-job-completed.json"));

        webhookEvent.Type.Should().Be(WebhookEventType.JobCompleted);
        webhookEvent.Form.Should().Be(WebhookPayloadForm.Envelope);
        webhookEvent.JobId.Should().Be("3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b");
        webhookEvent.Status.Should().Be(JobStatus.Completed);
        webhookEvent.ResultUrl.Should().Be("https://files.example.com/out/3b9e6c1a.webp?sig=abc");
        webhookEvent.ResultSize.Should().Be(18342);
        webhookEvent.Duration.Should().Be(TimeSpan.FromMilliseconds(640));
        webhookEvent.SourceFormat.Should().Be("png");
        webhookEvent.TargetFormat.Should().Be("webp");
        webhookEvent.Error.Should().BeNull();
        webhookEvent.Metadata.Should().BeEmpty();
    }

    [Fact]
    public void TryParse_FailedEnvelope_MapsError()
    {
        var webhookEvent = Parse(WebhookTestData.PayloadBytes("webhook-job-failed.json"));

        webhookEvent.Type.Should().Be(WebhookEventType.JobFailed);
        webhookEvent.Status.Should().Be(JobStatus.Failed);
        webhookEvent.Error!.Code.Should().Be(ConversionErrorCode.ConversionFailed);
        webhookEvent.Error.Message.Should().Be("The input could not be decoded.");
        webhookEvent.ResultUrl.Should().BeNull();
    }

    [Fact]
    public void TryParse_LegacyDone_MapsToCompleted()
    {
        var webhookEvent = Parse(WebhookTestData.PayloadBytes("webhook-legacy-done.json"));

        webhookEvent.Form.Should().Be(WebhookPayloadForm.Legacy);
        webhookEvent.Type.Should().Be(WebhookEventType.JobCompleted);
        webhookEvent.Status.Should().Be(JobStatus.Completed);
        webhookEvent.ResultUrl.Should().Be("https://files.example.com/out/3b9e6c1a.webp?sig=abc");
        webhookEvent.GetMetadataString("order_id").Should().Be("ord_1001");
    }

    [Fact]
    public void TryParse_LegacyFailedWithoutJobId_DeduplicatesOnBody()
    {
        var body = WebhookTestData.PayloadBytes("webhook-legacy-failed.json");

        var webhookEvent = Parse(body);
        var again = Parse(body.ToArray());

        webhookEvent.Type.Should().Be(WebhookEventType.JobFailed);
        webhookEvent.JobId.Should().BeNull();
        webhookEvent.Error!.Code.Should().Be(ConversionErrorCode.ConversionFailed);
        webhookEvent.DeduplicationKey.Should().StartWith("job.failed|body:");
        again.DeduplicationKey.Should().Be(webhookEvent.DeduplicationKey);
    }

    [Fact]
    public void TryParse_TestEvent_HasNoDeduplicationKey()
    {
        var webhookEvent = Parse(WebhookTestData.PayloadBytes("webhook-test.json"));

        webhookEvent.Type.Should().Be(WebhookEventType.WebhookTest);
        webhookEvent.DeduplicationKey.Should().BeNull();
    }

    [Fact]
    public void TryParse_CompletedEvent_DeduplicatesOnTypeAndJobId()
    {
        var webhookEvent = Parse(WebhookTestData.PayloadBytes("webhook-job-completed.json"));

        webhookEvent.DeduplicationKey.Should().Be("job.completed|job:3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b");
    }

    [Fact]
    public void TryParse_LegacyCaseBody_ReadsFileIdFromMetadata()
    {
        var webhookEvent = Parse(WebhookTestData.CaseBody("L"));

        webhookEvent.TryGetMetadataString("file_id", out var fileId).Should().BeTrue();
        fileId.Should().Be("f-1001");
    }

    [Fact]
    public void TryParse_UnknownEvent_KeepsTypeAndPayload()
    {
        var webhookEvent = Parse("{\"event\":\"job.archived\",\"data\":{\"job_id\":\"j-9\",\"reason\":\"age\"}}");

        webhookEvent.Type.Value.Should().Be("job.archived");
        webhookEvent.Type.IsKnown.Should().BeFalse();
        webhookEvent.JobId.Should().Be("j-9");
        webhookEvent.Payload.GetProperty("data").GetProperty("reason").GetString().Should().Be("age");
    }

    [Theory]
    [InlineData("{\"event\":\"job.completed\",\"data\":{\"job_id\":\"j\",\"metadata\":{\"file_id\":\"f-1\"}}}")]
    [InlineData("{\"event\":\"job.completed\",\"data\":{\"job_id\":\"j\"},\"metadata\":{\"file_id\":\"f-1\"}}")]
    [InlineData("{\"event\":\"job.completed\",\"data\":{\"job_id\":\"j\",\"metadata\":\"{\\\"file_id\\\":\\\"f-1\\\"}\"}}")]
    [InlineData("{\"event\":\"job.completed\",\"data\":{\"metadata\":{\"file_id\":\"x\",\"file_id\":\"f-1\"}}}")]
    public void TryParse_MetadataPlacement_ReadsFileId(string json)
    {
        var webhookEvent = Parse(json);

        webhookEvent.GetMetadataString("file_id").Should().Be("f-1");
    }

    [Theory]
    [InlineData("{\"n\":42}", "42")]
    [InlineData("{\"n\":true}", "true")]
    [InlineData("{\"n\":null}", null)]
    [InlineData("{\"n\":{\"a\":1}}", null)]
    [InlineData("{}", null)]
    public void GetMetadataString_ValueKind_ReturnsText(string metadata, string? expected)
    {
        var webhookEvent = Parse("{\"event\":\"job.completed\",\"data\":{\"metadata\":" + metadata + "}}");

        webhookEvent.GetMetadataString("n").Should().Be(expected);
    }

    [Theory]
    [InlineData("{\"size\":1e400,\"duration_ms\":99999999999999999999999}")]
    [InlineData("{\"size\":-1.5,\"duration_ms\":-5}")]
    [InlineData("{\"size\":\"big\",\"duration_ms\":9223372036854775807}")]
    public void TryParse_OutOfRangeNumbers_LeavesFieldsEmpty(string result)
    {
        var webhookEvent = Parse("{\"event\":\"job.completed\",\"data\":{\"job_id\":\"j\",\"result\":" + result + "}}");

        webhookEvent.ResultSize.Should().BeNull();
        webhookEvent.Duration.Should().BeNull();
        webhookEvent.JobId.Should().Be("j");
    }

    [Theory]
    [InlineData("\"engine crashed\"", "", "engine crashed")]
    [InlineData("{\"code\":\"timeout\",\"message\":42}", "timeout", "42")]
    [InlineData("{\"code\":7,\"message\":\"m\"}", "7", "m")]
    public void TryParse_UnusualErrorShape_KeepsText(string error, string code, string message)
    {
        var webhookEvent = Parse("{\"event\":\"job.failed\",\"data\":{\"status\":\"failed\",\"error\":" + error + "}}");

        webhookEvent.Error!.Code.Value.Should().Be(code);
        webhookEvent.Error.Message.Should().Be(message);
    }

    [Theory]
    [InlineData("{\"event\":\"job.completed\",\"data\":{\"job_id\":12345}}", "12345")]
    [InlineData("{\"event\":\"job.completed\",\"data\":{\"job_id\":null}}", null)]
    [InlineData("{\"event\":\"job.completed\",\"data\":[1,2]}", null)]
    [InlineData("{\"event\":\"job.completed\",\"data\":{\"job_id\":[\"a\"]}}", null)]
    public void TryParse_UnusualJobId_DoesNotFail(string json, string? expected)
    {
        var webhookEvent = Parse(json);

        webhookEvent.JobId.Should().Be(expected);
    }

    [Fact]
    public void TryParse_StatusMissing_InfersFromEventType()
    {
        var webhookEvent = Parse("{\"event\":\"job.failed\",\"data\":{\"job_id\":\"j\"}}");

        webhookEvent.Status.Should().Be(JobStatus.Failed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"event\":")]
    [InlineData("[1,2,3]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("{\"a\":1}{\"b\":2}")]
    public void TryParse_NotAJsonObject_FailsWithMessage(string json)
    {
        var parsed = ConversionWebhookEvent.TryParse(Encoding.UTF8.GetBytes(json), out var webhookEvent, out var error);

        parsed.Should().BeFalse();
        webhookEvent.Should().BeNull();
        error.Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData(new byte[] { 0xC3, 0x28 })]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public void TryParse_InvalidUtf8InString_Fails(byte[] invalid)
    {
        var body = Encoding.UTF8.GetBytes("{\"event\":\"job.completed\",\"data\":{\"job_id\":\"")
            .Concat(invalid)
            .Concat(Encoding.UTF8.GetBytes("\"}}"))
            .ToArray();

        var parsed = ConversionWebhookEvent.TryParse(body, out _, out var error);

        parsed.Should().BeFalse();
        error.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void TryParse_InvalidUtf8InMetadataValue_Fails()
    {
        var body = Encoding.UTF8.GetBytes("{\"event\":\"job.completed\",\"data\":{\"metadata\":{\"k\":\"")
            .Concat(new byte[] { 0xC3, 0x28 })
            .Concat(Encoding.UTF8.GetBytes("\"}}}"))
            .ToArray();

        var parsed = ConversionWebhookEvent.TryParse(body, out _, out var error);

        parsed.Should().BeFalse();
        error.Should().Be("The webhook body is not valid UTF-8.");
    }

    [Theory]
    [InlineData("{\"event\":\"job.completed\",\"data\":{\"job_id\":\"a\\ud800b\"}}")]
    [InlineData("{\"event\":\"job.\\udfff\",\"data\":{}}")]
    [InlineData("{\"event\":\"job.completed\",\"data\":{\"metadata\":{\"file_id\":\"\\ud800\"}}}")]
    [InlineData("{\"event\":\"job.completed\",\"data\":{\"metadata\":\"{\\\"file_id\\\":\\\"\\\\ud800\\\"}\"}}")]
    [InlineData("{\"event\":\"job.completed\",\"data\":{\"metadata\":{\"\\ud800\":1,\"file_id\":\"f\"}}}")]
    [InlineData("{\"event\":\"job.failed\",\"data\":{\"error\":{\"\\udc00\":1,\"code\":\"x\"}}}")]
    public void TryParse_EscapedLoneSurrogate_DoesNotThrow(string json)
    {
        var parsed = ConversionWebhookEvent.TryParse(Encoding.UTF8.GetBytes(json), out var webhookEvent, out _);
        var read = () => webhookEvent!.GetMetadataString("file_id");

        parsed.Should().BeTrue();
        read.Should().NotThrow();
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(63, true)]
    [InlineData(200, false)]
    [InlineData(100_000, false)]
    public void TryParse_NestingDepth_FailsBeyondLimit(int depth, bool expected)
    {
        var json = "{\"event\":\"x\",\"data\":" + new string('[', depth) + new string(']', depth) + "}";

        var parsed = ConversionWebhookEvent.TryParse(Encoding.UTF8.GetBytes(json), out _, out _);

        parsed.Should().Be(expected);
    }

    [Fact]
    public void ToString_CompletedEvent_LeavesOutResultUrl()
    {
        var webhookEvent = Parse(WebhookTestData.PayloadBytes("webhook-job-completed.json"));

        var text = webhookEvent.ToString();

        text.Should().Contain("job.completed").And.Contain("3b9e6c1a");
        text.Should().NotContain("sig=abc");
    }

    private static ConversionWebhookEvent Parse(string json) => Parse(Encoding.UTF8.GetBytes(json));

    private static ConversionWebhookEvent Parse(byte[] body)
    {
        ConversionWebhookEvent.TryParse(body, out var webhookEvent, out var error).Should().BeTrue(error);
        return webhookEvent!;
    }
}
