using System.Text;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChangeThisFile.Client.Flow.Tests.Unit;

public sealed class WebhookTests : IDisposable
{
    private const string JobId = "7f1c2a9e-5b3d-4e6f-8a0b-1c2d3e4f5a6b";
    private const string ResultJson = """[{"a":"1","b":"2"}]""";

    private readonly FlowHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Completed_ProcessingRecord_StoresResultAndMarksDone()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var url = _harness.ServeResult(JobId, ResultJson);

        var result = await _harness.Flow.HandleWebhookEventAsync(FlowHarness.Completed(JobId, seeded.FileId, url));
        var record = await _harness.Records.GetAsync(seeded.FileId);

        result.Outcome.Should().Be(WebhookOutcome.Applied);
        record!.Status.Should().Be(RecordStatus.Done);
        record.OutputKey.Should().Be($"results/{seeded.FileId}.json");
        record.OutputSize.Should().Be(Encoding.UTF8.GetByteCount(ResultJson));
        using var stored = await _harness.Storage.OpenReadAsync(record.OutputKey!);
        (await new StreamReader(stored).ReadToEndAsync()).Should().Be(ResultJson);
    }

    public static TheoryData<string, string, WebhookOutcome, string> Transitions() => new()
    {
        { "processing", "job.completed", WebhookOutcome.Applied, "done" },
        { "processing", "job.failed", WebhookOutcome.Applied, "failed" },
        { "done", "job.completed", WebhookOutcome.Duplicate, "done" },
        { "done", "job.failed", WebhookOutcome.Stale, "done" },
        { "failed", "job.failed", WebhookOutcome.Duplicate, "failed" },
        { "failed", "job.completed", WebhookOutcome.Applied, "done" },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public async Task Event_OnRecordStatus_EndsInCorrectStatus(
        string initial, string eventType, WebhookOutcome outcome, string final)
    {
        var seeded = await _harness.SeedAsync(new RecordStatus(initial), JobId);
        var url = _harness.ServeResult(JobId, ResultJson);
        var webhookEvent = eventType == "job.completed"
            ? FlowHarness.Completed(JobId, seeded.FileId, url)
            : FlowHarness.Failed(JobId, seeded.FileId);

        var result = await _harness.Flow.HandleWebhookEventAsync(webhookEvent);
        var record = await _harness.Records.GetAsync(seeded.FileId);

        result.Outcome.Should().Be(outcome);
        record!.Status.Value.Should().Be(final);
        if (outcome != WebhookOutcome.Applied)
        {
            record.Version.Should().Be(seeded.Version, "an event that changes nothing does not write");
        }
    }

    [Fact]
    public async Task Completed_Duplicate_DownloadsOnce()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var url = _harness.ServeResult(JobId, ResultJson);
        var webhookEvent = FlowHarness.Completed(JobId, seeded.FileId, url);

        await _harness.Flow.HandleWebhookEventAsync(webhookEvent);
        var second = await _harness.Flow.HandleWebhookEventAsync(webhookEvent);

        second.Outcome.Should().Be(WebhookOutcome.Duplicate);
        _harness.RequestsTo(url.AbsolutePath).Should().Be(1);
        _harness.Storage.Writes.Should().Be(1);
    }

    [Fact]
    public async Task Failed_StoresApiErrorAndClearsNothingElse()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);

        await _harness.Flow.HandleWebhookEventAsync(
            FlowHarness.Failed(JobId, seeded.FileId, "file_too_large", "The file exceeds 25 MB."));
        var record = await _harness.Records.GetAsync(seeded.FileId);
        var status = await _harness.Flow.GetStatusAsync(seeded.FileId);

        record!.ErrorCode.Should().Be("file_too_large");
        record.ErrorMessage.Should().Be("The file exceeds 25 MB.");
        status.State.Should().Be(ConversionState.Failed);
        status.Error!.Message.Should().Be("The file exceeds 25 MB.");
    }

    [Fact]
    public async Task Failed_WithoutErrorObject_UsesConversionFailed()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var webhookEvent = FlowHarness.Event($$"""
            {"event":"job.failed","data":{"job_id":"{{JobId}}","status":"failed",
            "metadata":{"file_id":"{{seeded.FileId}}"} } }
            """);

        await _harness.Flow.HandleWebhookEventAsync(webhookEvent);

        (await _harness.Records.GetAsync(seeded.FileId))!.ErrorCode.Should().Be("conversion_failed");
    }

    [Fact]
    public async Task Completed_WithoutMetadata_MatchesByJobId()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var url = _harness.ServeResult(JobId, ResultJson);

        var result = await _harness.Flow.HandleWebhookEventAsync(FlowHarness.Completed(JobId, null, url));

        result.Outcome.Should().Be(WebhookOutcome.Applied);
        result.FileId.Should().Be(seeded.FileId);
    }

    [Fact]
    public async Task Completed_RecordSubmittingWithoutJob_AdoptsJob()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing);
        var url = _harness.ServeResult(JobId, ResultJson);

        var result = await _harness.Flow.HandleWebhookEventAsync(FlowHarness.Completed(JobId, seeded.FileId, url));
        var record = await _harness.Records.GetAsync(seeded.FileId);

        result.Outcome.Should().Be(WebhookOutcome.Applied);
        record!.JobId.Should().Be(JobId);
        (await _harness.Records.FindByJobIdAsync(JobId))!.FileId.Should().Be(seeded.FileId);
    }

    [Fact]
    public async Task Completed_JobOfAnotherRecord_IsNotAdopted()
    {
        var owner = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var claimed = await _harness.SeedAsync(RecordStatus.Processing);
        var url = _harness.ServeResult(JobId, ResultJson);

        var result = await _harness.Flow.HandleWebhookEventAsync(FlowHarness.Completed(JobId, claimed.FileId, url));

        result.Outcome.Should().Be(WebhookOutcome.Unmatched);
        (await _harness.Records.GetAsync(claimed.FileId))!.JobId.Should().BeNull();
        (await _harness.Records.GetAsync(owner.FileId))!.Status.Should().Be(RecordStatus.Processing);
        _harness.RequestsTo(url.AbsolutePath).Should().Be(0);
    }

    [Theory]
    [InlineData("awaiting_upload", null)]
    [InlineData("processing", "0f0f0f0f-0000-4000-8000-000000000000")]
    [InlineData("done", "0f0f0f0f-0000-4000-8000-000000000000")]
    public async Task Completed_MetadataNamesMismatchedRecord_KeptUnmatched(string status, string? recordJobId)
    {
        var seeded = await _harness.SeedAsync(new RecordStatus(status), recordJobId);
        var url = _harness.ServeResult(JobId, ResultJson);

        var result = await _harness.Flow.HandleWebhookEventAsync(FlowHarness.Completed(JobId, seeded.FileId, url));
        var kept = await _harness.Records.ListUnmatchedEventsAsync();

        result.Outcome.Should().Be(WebhookOutcome.Unmatched);
        (await _harness.Records.GetAsync(seeded.FileId))!.Version.Should().Be(seeded.Version);
        kept.Should().ContainSingle().Which.FileId.Should().Be(seeded.FileId);
        kept[0].JobId.Should().Be(JobId);
        kept[0].EventType.Should().Be("job.completed");
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAA\\u0000")]
    [InlineData("")]
    public async Task Completed_InvalidMetadataFileId_KeptWithoutFileId(string fileId)
    {
        var webhookEvent = FlowHarness.Event($$"""
            {"event":"job.completed","data":{"job_id":"{{JobId}}","status":"completed",
            "metadata":{"file_id":"{{fileId}}"} } }
            """);

        var result = await _harness.Flow.HandleWebhookEventAsync(webhookEvent);

        result.Outcome.Should().Be(WebhookOutcome.Unmatched);
        result.FileId.Should().BeNull();
        (await _harness.Records.ListUnmatchedEventsAsync()).Should().ContainSingle().Which.FileId.Should().BeNull();
    }

    [Fact]
    public async Task Unmatched_SameEventTwice_KeptOnce()
    {
        var url = _harness.ServeResult(JobId, ResultJson);
        var webhookEvent = FlowHarness.Completed(JobId, ConversionFileId.New(), url);

        await _harness.Flow.HandleWebhookEventAsync(webhookEvent);
        await _harness.Flow.HandleWebhookEventAsync(webhookEvent);

        (await _harness.Records.ListUnmatchedEventsAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task Unmatched_Payload_LeavesOutSignedQuery()
    {
        var url = _harness.ServeResult(JobId, ResultJson);

        await _harness.Flow.HandleWebhookEventAsync(FlowHarness.Completed(JobId, ConversionFileId.New(), url));
        var kept = (await _harness.Records.ListUnmatchedEventsAsync()).Single();

        kept.Payload.Should().NotContain("RESULTSIGNATURE");
        kept.Payload.Should().Contain($"/files/{JobId}/result.json");
        kept.Payload.Should().Contain("\"size\":12");
    }

    [Fact]
    public async Task UnknownEventType_KeptUnmatched()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var webhookEvent = FlowHarness.Event($$"""
            {"event":"job.archived","data":{"job_id":"{{JobId}}","metadata":{"file_id":"{{seeded.FileId}}"} } }
            """);

        var result = await _harness.Flow.HandleWebhookEventAsync(webhookEvent);

        result.Outcome.Should().Be(WebhookOutcome.Unmatched);
        (await _harness.Records.GetAsync(seeded.FileId))!.Status.Should().Be(RecordStatus.Processing);
        (await _harness.Records.ListUnmatchedEventsAsync()).Single().EventType.Should().Be("job.archived");
    }

    [Fact]
    public async Task Unmatched_UnknownFileId_StoresReason()
    {
        var url = _harness.ServeResult(JobId, ResultJson);
        var webhookEvent = FlowHarness.Completed(JobId, ConversionFileId.New(), url);

        var result = await _harness.Flow.HandleWebhookEventAsync(webhookEvent);
        var kept = (await _harness.Records.ListUnmatchedEventsAsync()).Single();

        kept.Reason.Should().Be("no record has the metadata file_id");
        result.Reason.Should().Be(kept.Reason);
    }

    [Fact]
    public async Task UnknownEventType_StoresReasonNamingType()
    {
        var webhookEvent = FlowHarness.Event($$"""
            {"event":"job.archived","data":{"job_id":"{{JobId}}"} }
            """);

        await _harness.Flow.HandleWebhookEventAsync(webhookEvent);
        var kept = (await _harness.Records.ListUnmatchedEventsAsync()).Single();

        kept.Reason.Should().Be("the event type 'job.archived' is not handled");
    }

    [Fact]
    public async Task UnknownEventType_ControlCharacters_ReasonEscaped()
    {
        var webhookEvent = FlowHarness.Event($$"""
            {"event":"job.x\r\nFORGED LINE","data":{"job_id":"{{JobId}}"} }
            """);

        await _harness.Flow.HandleWebhookEventAsync(webhookEvent);
        var kept = (await _harness.Records.ListUnmatchedEventsAsync()).Single();

        kept.Reason.Should().Be("the event type 'job.x\\u000d\\u000aFORGED LINE' is not handled");
    }

    [Fact]
    public async Task TestEvent_IsIgnored()
    {
        var webhookEvent = FlowHarness.Event("""{"event":"webhook.test","data":{}}""");

        var result = await _harness.Flow.HandleWebhookEventAsync(webhookEvent);

        result.Outcome.Should().Be(WebhookOutcome.Ignored);
        (await _harness.Records.ListUnmatchedEventsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task LegacyDone_MetadataOnly_MatchesRecord()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var url = _harness.ServeResult(JobId, ResultJson);
        var webhookEvent = FlowHarness.Event($$"""
            {"state":"done","download_url":"{{url.AbsoluteUri}}","metadata":{"file_id":"{{seeded.FileId}}"} }
            """);

        var result = await _harness.Flow.HandleWebhookEventAsync(webhookEvent);

        result.Outcome.Should().Be(WebhookOutcome.Applied);
        (await _harness.Records.GetAsync(seeded.FileId))!.Status.Should().Be(RecordStatus.Done);
    }

    [Fact]
    public async Task Completed_ExpiredResultUrl_UsesFreshUrl()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var expired = _harness.ServeResult(JobId, """{"error":{"code":"not_found","message":"expired"}}""", 403);
        var fresh = new Uri(_harness.ApiUrl, "fresh/result.json?signature=FRESH");
        _harness.Api.Given(Request.Create().WithPath("/fresh/result.json").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(ResultJson));
        _harness.Api.Given(Request.Create().WithPath($"/v1/jobs/{JobId}").UsingGet())
            .RespondWith(FlowHarness.Json(200, $$"""
                {"job_id":"{{JobId}}","status":"completed","result":{"file_url":"{{fresh.AbsoluteUri}}","size":17} }
                """));

        var result = await _harness.Flow.HandleWebhookEventAsync(FlowHarness.Completed(JobId, seeded.FileId, expired));

        result.Outcome.Should().Be(WebhookOutcome.Applied);
        _harness.RequestsTo("/fresh/result.json").Should().Be(1);
        var record = await _harness.Records.GetAsync(seeded.FileId);
        record!.OutputSize.Should().Be(Encoding.UTF8.GetByteCount(ResultJson));
    }

    [Fact]
    public async Task Completed_StorageDown_ThrowsAndLeavesRecord()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var url = _harness.ServeResult(JobId, ResultJson);
        _harness.Storage.FailNextWrites(1);

        var handle = () => _harness.Flow.HandleWebhookEventAsync(FlowHarness.Completed(JobId, seeded.FileId, url));

        await handle.Should().ThrowAsync<IOException>();
        (await _harness.Records.GetAsync(seeded.FileId))!.Version.Should().Be(seeded.Version);
    }

    [Fact]
    public async Task Completed_RecordStoreDown_Throws()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var url = _harness.ServeResult(JobId, ResultJson);
        _harness.Records.FailNextUpdatesTo(RecordStatus.Done, 1);

        var handle = () => _harness.Flow.HandleWebhookEventAsync(FlowHarness.Completed(JobId, seeded.FileId, url));

        await handle.Should().ThrowAsync<IOException>();
        (await _harness.Records.GetAsync(seeded.FileId))!.Status.Should().Be(RecordStatus.Processing);
    }

    [Fact]
    public async Task Completed_RecordChanged_ReappliesWithoutDownload()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var url = _harness.ServeResult(JobId, ResultJson);
        _harness.Records.RaceNextUpdates(2);

        var result = await _harness.Flow.HandleWebhookEventAsync(FlowHarness.Completed(JobId, seeded.FileId, url));

        result.Outcome.Should().Be(WebhookOutcome.Applied);
        (await _harness.Records.GetAsync(seeded.FileId))!.Status.Should().Be(RecordStatus.Done);
        _harness.RequestsTo(url.AbsolutePath).Should().Be(1);
    }

    [Fact]
    public async Task Completed_ConflictsBeyondLimit_Throws()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var url = _harness.ServeResult(JobId, ResultJson);
        _harness.Records.RaceNextUpdates(100);

        var handle = () => _harness.Flow.HandleWebhookEventAsync(FlowHarness.Completed(JobId, seeded.FileId, url));

        await handle.Should().ThrowAsync<RecordConflictException>();
    }

    [Theory]
    [InlineData("https://127.0.0.2/result.json?signature=FORGED")]
    [InlineData("http://127.0.0.1:9/result.json?signature=FORGED")]
    [InlineData("ftp://127.0.0.1/result.json")]
    public async Task Completed_UntrustedResultUrl_RejectedWithoutFetching(string resultUrl)
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);

        var webhookEvent = FlowHarness.Completed(JobId, seeded.FileId, new Uri(resultUrl));

        var result = await _harness.Flow.HandleWebhookEventAsync(webhookEvent);

        result.Outcome.Should().Be(WebhookOutcome.Rejected);
        result.Reason.Should().NotContain("FORGED");
        (await _harness.Records.GetAsync(seeded.FileId))!.Version.Should().Be(seeded.Version);
        _harness.Storage.Writes.Should().Be(0);
        (await _harness.Records.ListUnmatchedEventsAsync()).Single().Payload.Should().NotContain("FORGED");
    }

    [Fact]
    public async Task Rejected_SignedResultUrl_StoresReasonWithoutQuery()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var webhookEvent = FlowHarness.Completed(
            JobId, seeded.FileId, new Uri("https://127.0.0.2/out/result.json?X-Amz-Signature=FORGEDSECRET#frag"));

        await _harness.Flow.HandleWebhookEventAsync(webhookEvent);
        var kept = (await _harness.Records.ListUnmatchedEventsAsync()).Single();

        kept.Reason.Should().Be("the result URL https://127.0.0.2/out/result.json was rejected (NonPublicAddress)");
        kept.FileId.Should().Be(seeded.FileId);
    }

    [Fact]
    public async Task Rejected_LongResultUrl_ReasonCut()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var path = new string('a', UnmatchedEventValidator.MaxReasonLength * 2);
        var webhookEvent = FlowHarness.Completed(
            JobId, seeded.FileId, new Uri($"https://127.0.0.2/{path}?signature=FORGEDSECRET"));

        await _harness.Flow.HandleWebhookEventAsync(webhookEvent);
        var kept = (await _harness.Records.ListUnmatchedEventsAsync()).Single();

        kept.Reason.Should().HaveLength(UnmatchedEventValidator.MaxReasonLength);
        kept.Reason.Should().StartWith("the result URL https://127.0.0.2/aaa");
        kept.Reason.Should().EndWith("aaa...");
    }
}
