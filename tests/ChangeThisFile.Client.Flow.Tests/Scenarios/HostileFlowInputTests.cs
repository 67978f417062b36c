using System.Net;
using ChangeThisFile.Client.Flow.Tests.Infrastructure;
using ChangeThisFile.Client.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Client.Flow.Tests.Scenarios;

/// <summary>Hostile input to every step, on the local storage pair with the emulator.</summary>
public sealed class HostileFlowInputTests : IClassFixture<LocalFlowEnvironment>
{
    private readonly LocalFlowEnvironment _env;

    public HostileFlowInputTests(LocalFlowEnvironment environment)
    {
        _env = environment;
        _env.ResetFaults();
    }

    public static TheoryData<string> HostileFileIds() =>
    [
        "",
        "   ",
        "../../etc/passwd",
        "..%2F..%2Fetc%2Fpasswd",
        "AAAAAAAAAA/../AAAAAAAAAA",
        "AAAAAAAAAAAAAAAAAAAAA\n",
        "AAAAAAAAAA\u0000AAAAAAAAAAA",
        "AAAAAAAAAAAAAAAAAAAA\u202E",
        new string('A', 100_000),
    ];

    [Theory]
    [MemberData(nameof(HostileFileIds))]
    public async Task GetStatus_HostileFileId_ReturnsNotFoundWithSafeMessage(string fileId)
    {
        var status = await _env.Flow.GetStatusAsync(fileId);

        status.State.Should().Be(ConversionState.NotFound);
        status.Message.Should().NotBeNullOrEmpty();
        status.Message!.Length.Should().BeLessThan(400);
        status.Message.Should().NotContainAny("\n", "\u0000");
        status.FileId.Length.Should().BeLessThan(100);
    }

    [Theory]
    [MemberData(nameof(HostileFileIds))]
    public async Task Submit_HostileFileId_ReturnsNotFound(string fileId)
    {
        var result = await _env.Flow.SubmitAsync(fileId);

        result.Outcome.Should().Be(SubmitOutcome.NotFound);
        result.Message.Should().NotBeNullOrEmpty();
        result.FileId.Should().BeNull();
    }

    [Fact]
    public async Task GetStatus_UnknownFileId_ReturnsNotFound()
    {
        var status = await _env.Flow.GetStatusAsync(ConversionFileId.New());

        status.State.Should().Be(ConversionState.NotFound);
        status.Message.Should().Contain("No conversion has the file id");
    }

    public static TheoryData<string> HostileKeys() =>
    [
        "",
        "results/AAAAAAAAAAAAAAAAAAAAAA.json",
        "uploads/../results/AAAAAAAAAAAAAAAAAAAAAA.json",
        "uploads/AAAAAAAAAA/../../secret",
        "uploads/AAAAAAAAAAAAAAAAAAAAAAX.csv",
        "uploads/AAAAAAAAAAAAAAAAAAAA\u0000\u0000.csv",
        "uploads/" + new string('A', 5000),
        "UPLOADS/AAAAAAAAAAAAAAAAAAAAAA.csv",
    ];

    [Theory]
    [MemberData(nameof(HostileKeys))]
    public async Task SubmitUploadedObject_HostileKey_IsIgnoredWithoutJob(string key)
    {
        var jobsBefore = _env.Emulator.Jobs.Count;

        var result = await _env.Flow.SubmitUploadedObjectAsync(key);

        result.Outcome.Should().BeOneOf(SubmitOutcome.Ignored, SubmitOutcome.NotFound);
        result.JobId.Should().BeNull();
        _env.Emulator.Jobs.Count.Should().Be(jobsBefore);
    }

    [Fact]
    public async Task SubmitUploadedObject_OtherExtension_IsIgnored()
    {
        var ticket = await _env.UploadAsync("real.csv", TestFiles.Csv, "json");

        var result = await _env.Flow.SubmitUploadedObjectAsync($"uploads/{ticket.FileId}.exe");

        result.Outcome.Should().Be(SubmitOutcome.Ignored);
        _env.JobsOf(ticket.FileId).Should().BeEmpty();
    }

    [Theory]
    [InlineData("exe")]
    [InlineData("../json")]
    [InlineData("json\u0000")]
    [InlineData("")]
    [InlineData("pdf")]
    public async Task CreateUpload_TargetNotAllowed_ListsAllowedTargets(string target)
    {
        var create = () => _env.Flow.CreateUploadAsync(new CreateUploadRequest("report.csv", target));

        var thrown = await create.Should().ThrowAsync<ConversionFlowValidationException>();
        thrown.Which.ParamName.Should().Be("Target");
        thrown.Which.Reason.Should().Contain("csv, html, json, png, webp");
        thrown.Which.Reason.Should().NotContain("\u0000");
    }

    [Fact]
    public async Task CreateUpload_TraversalName_StaysOutOfKey()
    {
        var ticket = await _env.Flow.CreateUploadAsync(new CreateUploadRequest("../../etc/passwd.csv", "json"));
        var record = await _env.Records.GetAsync(ticket.FileId);

        record!.OriginalFileName.Should().Be("passwd.csv");
        record.InputKey.Should().Be($"uploads/{ticket.FileId}.csv");
        ticket.UploadUrl.AbsolutePath.Should().NotContain("..").And.NotContain("passwd");
    }

    [Theory]
    [InlineData("evil\r\nname.csv")]
    [InlineData("tab\tname.csv")]
    [InlineData("..")]
    [InlineData("a/b/")]
    public async Task CreateUpload_HostileFileName_IsRejected(string fileName)
    {
        var create = () => _env.Flow.CreateUploadAsync(new CreateUploadRequest(fileName, "json"));

        (await create.Should().ThrowAsync<ConversionFlowValidationException>()).Which.ParamName.Should().Be("FileName");
    }

    [Fact]
    public async Task CreateUpload_OverlongFileName_IsRejected()
    {
        var create = () => _env.Flow.CreateUploadAsync(new CreateUploadRequest(new string('n', 300) + ".csv", "json"));

        (await create.Should().ThrowAsync<ConversionFlowValidationException>()).Which.Reason.Should().Contain("255");
    }

    [Fact]
    public async Task Webhook_MetadataClaimsOtherJob_KeptUnmatched()
    {
        var victim = await CompleteConversionAsync("victim.csv");
        var before = await _env.Records.GetAsync(victim.FileId);

        var intruder = await SubmitJobClaimingAsync(victim.FileId);
        var delivery = await _env.Emulator.Webhooks.WaitForSuccessAsync(intruder);
        var after = await _env.Records.GetAsync(victim.FileId);
        var unmatched = await _env.Records.ListUnmatchedEventsAsync();

        delivery.StatusCode.Should().Be(200);
        after!.Version.Should().Be(before!.Version);
        after.JobId.Should().Be(before.JobId);
        unmatched.Should().Contain(e => e.JobId == intruder && e.FileId == victim.FileId);
    }

    [Fact]
    public async Task Webhook_MetadataClaimsUnsubmittedFile_KeptUnmatched()
    {
        var waiting = await _env.Flow.CreateUploadAsync(new CreateUploadRequest("waiting.csv", "json"));

        var intruder = await SubmitJobClaimingAsync(waiting.FileId);
        await _env.Emulator.Webhooks.WaitForSuccessAsync(intruder);
        var record = await _env.Records.GetAsync(waiting.FileId);
        var unmatched = await _env.Records.ListUnmatchedEventsAsync();

        record!.Status.Should().Be(RecordStatus.AwaitingUpload);
        record.JobId.Should().BeNull();
        unmatched.Should().Contain(e => e.JobId == intruder && e.FileId == waiting.FileId);
    }

    [Fact]
    public async Task Webhook_UnknownFileId_KeptUnmatched()
    {
        var unknown = ConversionFileId.New();

        var intruder = await SubmitJobClaimingAsync(unknown);
        var delivery = await _env.Emulator.Webhooks.WaitForSuccessAsync(intruder);
        var unmatched = await _env.Records.ListUnmatchedEventsAsync();

        delivery.StatusCode.Should().Be(200);
        unmatched.Should().ContainSingle(e => e.JobId == intruder).Which.FileId.Should().Be(unknown);
    }

    public static TheoryData<string> ForgedResultUrls() =>
    [
        $"http://127.0.0.1:{ServerProcess.FindFreePort()}/out/result.json?signature=FORGEDSECRET",
        "https://127.0.0.2/out/result.json?signature=FORGEDSECRET",
        "https://[::1]/out/result.json?signature=FORGEDSECRET",
        "file:///etc/passwd?signature=FORGEDSECRET",
    ];

    [Theory]
    [MemberData(nameof(ForgedResultUrls))]
    public async Task Webhook_ForgedResultUrl_IsRejectedAndKept(string resultUrl)
    {
        _env.Emulator.Faults.DropNextWebhooks(1);
        var ticket = await _env.UploadAsync("forged.csv", TestFiles.Csv, "json");
        var submitted = await _env.Flow.SubmitAsync(ticket.FileId);
        await _env.Emulator.Webhooks.WaitForAsync(delivery => delivery.JobId == submitted.JobId && delivery.Dropped);
        var body = $$$"""
            {"event":"job.completed","data":{"job_id":"{{{submitted.JobId}}}","status":"completed",
            "result":{"file_url":"{{{resultUrl}}}","size":10,"source_format":"csv","target_format":"json"},
            "metadata":{"file_id":"{{{ticket.FileId}}}"} } }
            """;

        var statusCode = await _env.PostSignedWebhookAsync("job.completed", body);
        var record = await _env.Records.GetAsync(ticket.FileId);
        var kept = (await _env.Records.ListUnmatchedEventsAsync()).Single(e => e.JobId == submitted.JobId);

        statusCode.Should().Be(200);
        record!.Status.Should().Be(RecordStatus.Processing);
        _env.Storage.Writes.Should().Be(0);
        kept.FileId.Should().Be(ticket.FileId);
        kept.Payload.Should().NotContain("FORGEDSECRET");
    }

    [Fact]
    public async Task Webhook_TestEvent_IsAcknowledgedAndIgnored()
    {
        var client = _env.Services.GetRequiredService<IConversionClient>();
        var before = (await _env.Records.ListUnmatchedEventsAsync(1000)).Count;

        var result = await client.SendTestWebhookAsync(new Uri(_env.BaseUrl, FlowEnvironment.WebhookPath));

        result.Delivered.Should().BeTrue();
        result.StatusCode.Should().Be((int)HttpStatusCode.OK);
        (await _env.Records.ListUnmatchedEventsAsync(1000)).Count.Should().Be(before);
    }

    private async Task<CreateUploadResult> CompleteConversionAsync(string fileName)
    {
        var ticket = await _env.UploadAsync(fileName, TestFiles.Csv, "json");
        await _env.Flow.SubmitAsync(ticket.FileId);
        await _env.WaitForTerminalAsync(ticket.FileId);
        return ticket;
    }

    /// <summary>Submits a job straight through the API whose metadata claims <paramref name="fileId"/>.</summary>
    private async Task<string> SubmitJobClaimingAsync(string fileId)
    {
        var source = await _env.UploadAsync("intruder.csv", TestFiles.Csv, "json");
        var sourceRecord = await _env.Records.GetAsync(source.FileId);
        var input = await _env.Storage.CreateDownloadRequestAsync(
            sourceRecord!.InputKey, new PresignedDownloadOptions());
        var client = _env.Services.GetRequiredService<IConversionClient>();
        var handle = await client.SubmitJobFromUrlAsync(new JobUrlRequest(input.Url, "json")
        {
            WebhookUrl = new Uri(_env.BaseUrl, FlowEnvironment.WebhookPath),
            WebhookMetadata = new Dictionary<string, string> { ["file_id"] = fileId },
        });
        return handle.JobId;
    }
}
