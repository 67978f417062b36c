using ChangeThisFile.Client;
using ChangeThisFile.Client.Webhooks;
using ChangeThisFile.Emulator.Tests.Infrastructure;
using ClientSignatureForm = ChangeThisFile.Client.Webhooks.WebhookSignatureForm;

namespace ChangeThisFile.Emulator.Tests.Sdk;

/// <summary>
/// Webhooks from the emulator to a Kestrel receiver, verified with the SDK's signature verifier
/// and parsed with its event parser, in both signature forms, with retries and duplicates.
/// </summary>
public sealed class SdkWebhookTests
{
    private static readonly byte[] Csv = "name,count\nada,1\n"u8.ToArray();

    private static readonly Dictionary<string, string> Metadata = new() { ["file_id"] = "f-7", ["user"] = "u-1" };

    [Fact]
    public async Task CompletedJob_CurrentForm_VerifiesAndParses()
    {
        await using var emulator = await StartAsync(WebhookSignatureForm.Current);
        await using var receiver = await SdkWebhookReceiver.StartAsync(emulator.WebhookSecret);
        await using var sdk = SdkClient.For(emulator);

        var handle = await SubmitAsync(sdk, receiver, Csv, "people.csv", "json");
        var delivery = (await receiver.WaitForAsync(d => d.Result.Succeeded))[0];
        using var output = new MemoryStream();
        await sdk.Client.DownloadAsync(new Uri(delivery.Event.ResultUrl!), output);

        delivery.Result.Verification.Form.Should().Be(ClientSignatureForm.V1);
        delivery.Headers["User-Agent"].Should().Be("ChangeThisFile-Webhook/1.0");
        delivery.Headers[WebhookHeaders.Event].Should().Be("job.completed");
        var webhookEvent = delivery.Event;
        webhookEvent.Type.Should().Be(WebhookEventType.JobCompleted);
        webhookEvent.Form.Should().Be(WebhookPayloadForm.Envelope);
        webhookEvent.JobId.Should().Be(handle.JobId);
        webhookEvent.Status.Should().Be(JobStatus.Completed);
        webhookEvent.TargetFormat.Should().Be("json");
        webhookEvent.ResultSize.Should().Be(output.Length);
        webhookEvent.GetMetadataString("file_id").Should().Be("f-7");
        webhookEvent.GetMetadataString("user").Should().Be("u-1");
        TableData.Parse("json", output.ToArray()).Should().ContainSingle()
            .Which.Should().Contain("name", "ada");
    }

    [Fact]
    public async Task FailedJob_CurrentForm_CarriesError()
    {
        await using var emulator = await StartAsync(WebhookSignatureForm.Current);
        await using var receiver = await SdkWebhookReceiver.StartAsync(emulator.WebhookSecret);
        await using var sdk = SdkClient.For(emulator);

        var handle = await SubmitAsync(sdk, receiver, "not an image"u8.ToArray(), "broken.png", "jpg");
        var webhookEvent = (await receiver.WaitForAsync(d => d.Result.Succeeded))[0].Event;

        webhookEvent.Type.Should().Be(WebhookEventType.JobFailed);
        webhookEvent.JobId.Should().Be(handle.JobId);
        webhookEvent.Status.Should().Be(JobStatus.Failed);
        webhookEvent.Error!.Code.Should().Be(new ConversionErrorCode("conversion_failed"));
        webhookEvent.ResultUrl.Should().BeNull();
        webhookEvent.GetMetadataString("file_id").Should().Be("f-7");
    }

    [Theory]
    [InlineData("people.csv", "json", "completed")]
    [InlineData("broken.png", "jpg", "failed")]
    public async Task Job_LegacyForm_VerifiesWhenLegacyAllowed(string fileName, string target, string status)
    {
        await using var emulator = await StartAsync(WebhookSignatureForm.Legacy);
        await using var receiver = await SdkWebhookReceiver.StartAsync(emulator.WebhookSecret, allowLegacy: true);
        await using var sdk = SdkClient.For(emulator);
        var input = fileName.EndsWith(".csv", StringComparison.Ordinal) ? Csv : "not an image"u8.ToArray();

        var handle = await SubmitAsync(sdk, receiver, input, fileName, target);
        var delivery = (await receiver.WaitForAsync(d => d.Result.Succeeded))[0];

        delivery.Headers[WebhookHeaders.Signature].Should().StartWith("sha256=");
        delivery.Result.Verification.Form.Should().Be(ClientSignatureForm.Legacy);
        delivery.Event.Form.Should().Be(WebhookPayloadForm.Legacy);
        delivery.Event.JobId.Should().Be(handle.JobId);
        delivery.Event.Status.Should().Be(new JobStatus(status));
        delivery.Event.GetMetadataString("file_id").Should().Be("f-7");
        (delivery.Event.ResultUrl is not null).Should().Be(status == "completed");
    }

    [Fact]
    public async Task LegacyForm_LegacyOff_RejectsEveryAttempt()
    {
        await using var emulator = await StartAsync(WebhookSignatureForm.Legacy);
        await using var receiver = await SdkWebhookReceiver.StartAsync(emulator.WebhookSecret, allowLegacy: false);
        await using var sdk = SdkClient.For(emulator);

        var handle = await SubmitAsync(sdk, receiver, Csv, "people.csv", "json");
        var attempts = await emulator.Webhooks.WaitForCountAsync(d => d.JobId == handle.JobId, 4);

        attempts.Select(a => a.StatusCode).Should().AllBeEquivalentTo(401);
        receiver.Deliveries.Select(d => d.Result.Verification.Status)
            .Should().AllBeEquivalentTo(WebhookVerificationStatus.LegacyFormDisabled);
    }

    [Fact]
    public async Task FailedDeliveries_AreRetriedUntilAccepted()
    {
        await using var emulator = await StartAsync(WebhookSignatureForm.Current);
        await using var receiver = await SdkWebhookReceiver.StartAsync(emulator.WebhookSecret);
        receiver.StatusFor = attempt => attempt switch { 1 => 500, 2 => 503, _ => 200 };
        await using var sdk = SdkClient.For(emulator);

        var handle = await SubmitAsync(sdk, receiver, Csv, "people.csv", "json");
        var accepted = await emulator.Webhooks.WaitForSuccessAsync(handle.JobId);
        var deliveries = receiver.Deliveries;

        accepted.Attempt.Should().Be(3);
        deliveries.Select(d => d.StatusCode).Should().Equal(500, 503, 200);
        deliveries.Should().OnlyContain(d => d.Result.Succeeded && d.Event.JobId == handle.JobId);
        deliveries.Select(d => d.Result.Verification.TimestampSeconds).Should().BeInAscendingOrder();
        deliveries.Select(d => d.Event.DeduplicationKey).Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task DuplicatedWebhook_CopiesShareDeduplicationKey()
    {
        await using var emulator = await StartAsync(WebhookSignatureForm.Current);
        emulator.Faults.DuplicateNextWebhooks(1);
        await using var receiver = await SdkWebhookReceiver.StartAsync(emulator.WebhookSecret);
        await using var sdk = SdkClient.For(emulator);

        var handle = await SubmitAsync(sdk, receiver, Csv, "people.csv", "json");
        var copy = await emulator.Webhooks.WaitForAsync(d => d.JobId == handle.JobId && d.IsDuplicate);
        var deliveries = await receiver.WaitForAsync(d => d.Result.Succeeded, count: 2);

        copy.Succeeded.Should().BeTrue();
        deliveries.Should().HaveCount(2);
        deliveries.Should().OnlyContain(d => d.Event.JobId == handle.JobId);
        deliveries.Select(d => d.Event.DeduplicationKey).Distinct().Should().ContainSingle();
    }

    private static Task<ConversionEmulator> StartAsync(WebhookSignatureForm form) =>
        ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            SignatureForm = form,
            WebhookRetryScale = 0.001,
        });

    private static Task<JobHandle> SubmitAsync(
        SdkClient sdk, SdkWebhookReceiver receiver, byte[] input, string fileName, string target) =>
        sdk.Client.SubmitJobAsync(new JobUploadRequest(UploadContent.FromBytes(input, fileName), target)
        {
            WebhookUrl = receiver.HookUrl,
            WebhookMetadata = Metadata,
        });
}
