using ChangeThisFile.Client.Flow.Tests.Infrastructure;

namespace ChangeThisFile.Client.Flow.Tests.Scenarios;

public abstract partial class FlowScenarioTests<TEnvironment>
{
    [Fact]
    public async Task Webhook_Duplicated_StoresResultOnce()
    {
        Env.Emulator.Faults.DuplicateNextWebhooks(1);
        var ticket = await Env.UploadAsync("duplicate.csv", TestFiles.Csv, "json");

        var submitted = await Env.Flow.SubmitAsync(ticket.FileId);
        var deliveries = await Env.Emulator.Webhooks.WaitForCountAsync(
            delivery => delivery.JobId == submitted.JobId && delivery.Succeeded, 2);
        var record = await Env.WaitForTerminalAsync(ticket.FileId);

        deliveries.Should().Contain(delivery => delivery.IsDuplicate);
        record.Status.Should().Be(RecordStatus.Done);
        Env.Storage.Writes.Should().Be(1, "the duplicate found the record done and copied nothing");
        Env.JobsOf(ticket.FileId).Should().ContainSingle();
    }

    [Fact]
    public async Task Webhook_LateFailureAfterDone_LeavesRecordDone()
    {
        var ticket = await Env.UploadAsync("late-failure.csv", TestFiles.Csv, "json");
        var submitted = await Env.Flow.SubmitAsync(ticket.FileId);
        var done = await Env.WaitForTerminalAsync(ticket.FileId);
        var failure = $$$"""
            {"event":"job.failed","data":{"job_id":"{{{submitted.JobId}}}","status":"failed",
            "error":{"code":"conversion_failed","message":"late"},"metadata":{"file_id":"{{{ticket.FileId}}}"} } }
            """;

        var statusCode = await Env.PostSignedWebhookAsync("job.failed", failure);
        var record = await Env.Records.GetAsync(ticket.FileId);

        statusCode.Should().Be(200);
        record!.Status.Should().Be(RecordStatus.Done);
        record.ErrorCode.Should().BeNull();
        record.Version.Should().Be(done.Version, "a stale event does not write the record");
    }

    [Fact]
    public async Task Webhook_CompletedDeliveredAgainLater_IsNoOp()
    {
        var ticket = await Env.UploadAsync("replayed.csv", TestFiles.Csv, "json");
        var submitted = await Env.Flow.SubmitAsync(ticket.FileId);
        var done = await Env.WaitForTerminalAsync(ticket.FileId);
        var delivered = await Env.Emulator.Webhooks.WaitForSuccessAsync(submitted.JobId!);

        var statusCode = await Env.PostSignedWebhookAsync(delivered.Event, delivered.BodyText);
        var record = await Env.Records.GetAsync(ticket.FileId);

        statusCode.Should().Be(200);
        record!.Version.Should().Be(done.Version);
        Env.Storage.Writes.Should().Be(1);
    }

    [Fact]
    public async Task Webhook_StorageDown_RetryCompletes()
    {
        Env.Storage.FailNextWrites(1);
        var ticket = await Env.UploadAsync("storage-down.md", TestFiles.Markdown, "html");

        var submitted = await Env.Flow.SubmitAsync(ticket.FileId);
        var record = await Env.WaitForTerminalAsync(ticket.FileId);
        await Env.Emulator.Webhooks.WaitForSuccessAsync(submitted.JobId!);

        var attempts = Env.Emulator.Webhooks.ForJob(submitted.JobId!);
        attempts[0].StatusCode.Should().BeInRange(500, 599);
        attempts[0].Attempt.Should().Be(1);
        attempts.Should().Contain(delivery => delivery.Attempt == 2 && delivery.Succeeded);
        Env.Storage.FailedWrites.Should().Be(1);
        record.Status.Should().Be(RecordStatus.Done);
        (await Env.DownloadResultAsync(ticket.FileId)).Body.Should().NotBeEmpty();
    }

    [Fact]
    public async Task Webhook_RecordStoreDown_RetryCompletes()
    {
        Env.Records.FailNextUpdatesTo(RecordStatus.Done, 1);
        var ticket = await Env.UploadAsync("store-down.csv", TestFiles.Csv, "json");

        var submitted = await Env.Flow.SubmitAsync(ticket.FileId);
        var record = await Env.WaitForTerminalAsync(ticket.FileId);
        await Env.Emulator.Webhooks.WaitForSuccessAsync(submitted.JobId!);

        var attempts = Env.Emulator.Webhooks.ForJob(submitted.JobId!);
        attempts[0].StatusCode.Should().BeInRange(500, 599);
        attempts.Should().Contain(delivery => delivery.Attempt == 2 && delivery.Succeeded);
        record.Status.Should().Be(RecordStatus.Done);
    }

    [Fact]
    public async Task Submit_RecordChangedConcurrently_RereadsAndSubmits()
    {
        var ticket = await Env.UploadAsync("race.csv", TestFiles.Csv, "json");
        Env.Records.RaceNextUpdates(1);

        var submitted = await Env.Flow.SubmitAsync(ticket.FileId);
        var record = await Env.WaitForTerminalAsync(ticket.FileId);

        submitted.Outcome.Should().Be(SubmitOutcome.Submitted);
        record.Status.Should().Be(RecordStatus.Done);
        Env.JobsOf(ticket.FileId).Should().ContainSingle().Which.JobId.Should().Be(record.JobId);
    }

    [Fact]
    public async Task Submit_ResponseLost_ClientRetryConverges()
    {
        var ticket = await Env.UploadAsync("lost-response.csv", TestFiles.Csv, "json");
        Env.Emulator.Faults.DropNextResponses(1);

        var submitted = await Env.Flow.SubmitAsync(ticket.FileId);
        var record = await Env.WaitForTerminalAsync(ticket.FileId);

        Env.Emulator.Faults.Injected.ResponsesDropped.Should().Be(1);
        submitted.Outcome.Should().Be(SubmitOutcome.Submitted);
        record.Status.Should().Be(RecordStatus.Done);
        Env.JobsOf(ticket.FileId).Should().ContainSingle().Which.JobId.Should().Be(record.JobId);
    }

    [Fact]
    public async Task Submit_ResponseLost_WebhookAdoptsJob()
    {
        var (noRetryFlow, owner) = Env.CreateFlowWithClient(options => options.MaxRetryAttempts = 0);
        using var ownerScope = owner;
        var ticket = await Env.UploadAsync("adopted.csv", TestFiles.Csv, "json");
        Env.Emulator.Faults.DropNextResponses(1);

        var lost = async () => await noRetryFlow.SubmitAsync(ticket.FileId);
        await lost.Should().ThrowAsync<Exception>();
        var record = await Env.WaitForTerminalAsync(ticket.FileId);
        var again = await noRetryFlow.SubmitAsync(ticket.FileId);

        var job = Env.JobsOf(ticket.FileId).Should().ContainSingle().Subject;
        record.Status.Should().Be(RecordStatus.Done);
        record.JobId.Should().Be(job.JobId, "the webhook carried the job id the lost response never delivered");
        again.Outcome.Should().Be(SubmitOutcome.AlreadySubmitted);
        again.JobId.Should().Be(job.JobId);
    }

    [Fact]
    public async Task Submit_ResponseLost_ResubmitReplaysJob()
    {
        var (noRetryFlow, owner) = Env.CreateFlowWithClient(options => options.MaxRetryAttempts = 0);
        using var ownerScope = owner;
        var ticket = await Env.UploadAsync("replay.csv", TestFiles.Csv, "json");
        Env.Emulator.Faults.DropNextResponses(1);
        Env.Emulator.Faults.DropNextWebhooks(1);

        var lost = async () => await noRetryFlow.SubmitAsync(ticket.FileId);
        await lost.Should().ThrowAsync<Exception>();
        var pending = await Env.Records.GetAsync(ticket.FileId);
        var again = await noRetryFlow.SubmitAsync(ticket.FileId);
        var record = await Env.Records.GetAsync(ticket.FileId);

        var job = Env.JobsOf(ticket.FileId).Should().ContainSingle().Subject;
        await Env.Emulator.Webhooks.WaitForAsync(delivery => delivery.JobId == job.JobId && delivery.Dropped);
        pending!.Status.Should().Be(RecordStatus.Processing);
        pending.JobId.Should().BeNull();
        again.Outcome.Should().Be(SubmitOutcome.Submitted);
        again.JobId.Should().Be(job.JobId, "the API replayed the response of the lost attempt");
        record!.JobId.Should().Be(job.JobId);
        record.Metadata.Keys.Should().NotContain(key => key.StartsWith("ctf.", StringComparison.Ordinal));
    }
}
