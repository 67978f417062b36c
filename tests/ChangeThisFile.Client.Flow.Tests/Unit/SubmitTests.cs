using System.Text.RegularExpressions;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChangeThisFile.Client.Flow.Tests.Unit;

public sealed partial class SubmitTests : IDisposable
{
    private const string JobId = "3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b";
    private const string Created = $$"""
        {"job_id":"{{JobId}}","status":"queued","status_url":"https://changethisfile.com/v1/jobs/{{JobId}}"}
        """;

    private readonly FlowHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Submit_UploadedFile_SendsFlowFields()
    {
        _harness.ServeSubmit(202, Created);
        var record = await _harness.SeedAsync(RecordStatus.AwaitingUpload);

        var result = await _harness.Flow.SubmitAsync(record.FileId);

        var entry = _harness.Api.LogEntries.Single().RequestMessage!;
        var body = entry.Body!;
        result.Outcome.Should().Be(SubmitOutcome.Submitted);
        result.JobId.Should().Be(JobId);
        entry.Headers!["Idempotency-Key"].Should().Equal($"ctf-flow:{record.FileId}");
        Field(body, "file_url").Should()
            .StartWith($"https://{InMemoryObjectStorage.PresignedHost}/uploads/{record.FileId}.csv?");
        Field(body, "target").Should().Be("json");
        Field(body, "webhook_url").Should().Be(FlowHarness.WebhookUrl.AbsoluteUri);
        Field(body, "webhook_metadata").Should().Be($$"""{"file_id":"{{record.FileId}}"}""");
    }

    [Fact]
    public async Task Submit_Success_StoresJobAndForgetsInputUrl()
    {
        _harness.ServeSubmit(202, Created);
        var seeded = await _harness.SeedAsync(RecordStatus.AwaitingUpload);

        await _harness.Flow.SubmitAsync(seeded.FileId);
        var record = await _harness.Records.GetAsync(seeded.FileId);

        record!.Status.Should().Be(RecordStatus.Processing);
        record.JobId.Should().Be(JobId);
        record.Metadata.Should().BeEmpty();
    }

    [Fact]
    public async Task Submit_InputUrl_DownloadsUpload()
    {
        _harness.ServeSubmit(202, Created);
        var record = await _harness.SeedAsync(RecordStatus.AwaitingUpload);

        await _harness.Flow.SubmitAsync(record.FileId);
        var fileUrl = Field(_harness.SubmitBodies().Single(), "file_url");
        using var response = await _harness.StorageHttp.GetAsync(new Uri(fileUrl));

        (await response.Content.ReadAsStringAsync()).Should().Be("a,b\n1,2\n");
    }

    [Fact]
    public async Task Submit_NotUploaded_SendsNothing()
    {
        var result = await _harness.Flow.CreateUploadAsync(new CreateUploadRequest("a.csv", "json"));

        var submitted = await _harness.Flow.SubmitAsync(result.FileId);

        submitted.Outcome.Should().Be(SubmitOutcome.NotUploaded);
        submitted.Status.Should().Be(RecordStatus.AwaitingUpload);
        _harness.Api.LogEntries.Should().BeEmpty();
    }

    [Fact]
    public async Task Submit_UnsupportedRoute_FailsRecordWithApiError()
    {
        _harness.ServeSubmit(
            422, """{"error":{"code":"unsupported_route","message":"csv to webp is not supported."}}""");
        var seeded = await _harness.SeedAsync(RecordStatus.AwaitingUpload);

        var result = await _harness.Flow.SubmitAsync(seeded.FileId);
        var record = await _harness.Records.GetAsync(seeded.FileId);

        result.Outcome.Should().Be(SubmitOutcome.Rejected);
        result.Error!.Code.Value.Should().Be("unsupported_route");
        record!.Status.Should().Be(RecordStatus.Failed);
        record.ErrorMessage.Should().Be("csv to webp is not supported.");
        record.Metadata.Should().BeEmpty();
    }

    [Theory]
    [InlineData(409, """{"error":{"code":"bad_request","message":"A request with this key is in flight."} }""")]
    [InlineData(422, """{"error":{"code":"bad_request","message":"The key was used with another body."} }""")]
    public async Task Submit_EarlierAttemptAccepted_IsPending(int status, string body)
    {
        _harness.ServeSubmit(status, body);
        var seeded = await _harness.SeedAsync(RecordStatus.AwaitingUpload);

        var result = await _harness.Flow.SubmitAsync(seeded.FileId);
        var record = await _harness.Records.GetAsync(seeded.FileId);

        result.Outcome.Should().Be(SubmitOutcome.Pending);
        record!.Status.Should().Be(RecordStatus.Processing);
        record.JobId.Should().BeNull();
    }

    [Theory]
    [InlineData(401, "invalid_api_key")]
    [InlineData(429, "quota_exceeded")]
    [InlineData(503, "service_unavailable")]
    public async Task Submit_ApiFailureNotAboutFile_ThrowsAndKeepsRecordRetryable(int status, string code)
    {
        _harness.ServeSubmit(status, $$"""{"error":{"code":"{{code}}","message":"no"} }""");
        var seeded = await _harness.SeedAsync(RecordStatus.AwaitingUpload);

        var submit = () => _harness.Flow.SubmitAsync(seeded.FileId);

        (await submit.Should().ThrowAsync<ConversionApiException>()).Which.ErrorCode.Value.Should().Be(code);
        var record = await _harness.Records.GetAsync(seeded.FileId);
        record!.Status.Should().Be(RecordStatus.Processing);
        record.JobId.Should().BeNull();
    }

    [Fact]
    public async Task Submit_RetryAfterFailure_SendsIdenticalRequest()
    {
        _harness.ServeSubmitSequence(
            (503, """{"error":{"code":"service_unavailable","message":"down"} }"""), (202, Created));
        var seeded = await _harness.SeedAsync(RecordStatus.AwaitingUpload);
        await SubmitFailingAsync(seeded.FileId);

        var result = await _harness.Flow.SubmitAsync(seeded.FileId);

        var bodies = _harness.SubmitBodies();
        result.Outcome.Should().Be(SubmitOutcome.Submitted);
        bodies.Should().HaveCount(2);
        Field(bodies[1], "file_url").Should()
            .Be(Field(bodies[0], "file_url"), "the API must see the same body to replay its job");
    }

    [Fact]
    public async Task Submit_AgedInputUrl_SendsFreshUrl()
    {
        _harness.ServeSubmit(503, """{"error":{"code":"service_unavailable","message":"down"} }""");
        var seeded = await _harness.SeedAsync(RecordStatus.AwaitingUpload);
        await SubmitFailingAsync(seeded.FileId);
        var first = Field(_harness.SubmitBodies().Single(), "file_url");
        _harness.Clock.Advance(ConversionFlowOptions.DefaultInputUrlExpiry - TimeSpan.FromMinutes(4));

        await SubmitFailingAsync(seeded.FileId);

        var second = Field(_harness.SubmitBodies()[1], "file_url");
        second.Should().NotBe(first, "a URL with less than 5 minutes left is replaced");
    }

    [Fact]
    public async Task Submit_RecordWithJob_IsNotSentAgain()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);

        var result = await _harness.Flow.SubmitAsync(seeded.FileId);

        result.Outcome.Should().Be(SubmitOutcome.AlreadySubmitted);
        result.JobId.Should().Be(JobId);
        _harness.Api.LogEntries.Should().BeEmpty();
    }

    [Fact]
    public async Task Submit_WebhookStoredJobFirst_ReportsSubmitted()
    {
        _harness.Api.Given(Request.Create().WithPath("/v1/jobs").UsingPost())
            .RespondWith(FlowHarness.Json(202, Created).WithDelay(TimeSpan.FromMilliseconds(500)));
        var seeded = await _harness.SeedAsync(RecordStatus.AwaitingUpload);
        var result = new Uri(_harness.ServeResult(JobId, "[]").AbsoluteUri);

        var submitting = _harness.Flow.SubmitAsync(seeded.FileId);
        await WaitForStatusAsync(seeded.FileId, RecordStatus.Processing);
        await _harness.Flow.HandleWebhookEventAsync(FlowHarness.Completed(JobId, seeded.FileId, result));
        var submitted = await submitting;

        submitted.Outcome.Should().Be(SubmitOutcome.Submitted);
        submitted.JobId.Should().Be(JobId);
        submitted.Status.Should().Be(RecordStatus.Done);
    }

    [Fact]
    public async Task Submit_RecordChanged_RereadsAndStoresJob()
    {
        _harness.ServeSubmit(202, Created);
        var seeded = await _harness.SeedAsync(RecordStatus.AwaitingUpload);
        _harness.Records.RaceNextUpdates(2);

        var result = await _harness.Flow.SubmitAsync(seeded.FileId);
        var record = await _harness.Records.GetAsync(seeded.FileId);

        result.Outcome.Should().Be(SubmitOutcome.Submitted);
        record!.JobId.Should().Be(JobId);
        _harness.SubmitBodies().Should().ContainSingle();
    }

    [Fact]
    public async Task Submit_ConflictsBeyondLimit_Throws()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.AwaitingUpload);
        _harness.Records.RaceNextUpdates(100);

        var submit = () => _harness.Flow.SubmitAsync(seeded.FileId);

        (await submit.Should().ThrowAsync<RecordConflictException>()).Which.Message
            .Should().Contain("lost 5 races").And.Contain("MaxConflictRetries");
        _harness.Api.LogEntries.Should().BeEmpty();
    }

    [Fact]
    public async Task SubmitUploadedObject_KeyOfRecord_Submits()
    {
        _harness.ServeSubmit(202, Created);
        var seeded = await _harness.SeedAsync(RecordStatus.AwaitingUpload);

        var result = await _harness.Flow.SubmitUploadedObjectAsync(seeded.InputKey);

        result.Outcome.Should().Be(SubmitOutcome.Submitted);
        result.FileId.Should().Be(seeded.FileId);
    }

    [Theory]
    [InlineData("results/AAAAAAAAAAAAAAAAAAAAAA.json")]
    [InlineData("other/AAAAAAAAAAAAAAAAAAAAAA.csv")]
    [InlineData("uploads/not-a-file-id.csv")]
    public async Task SubmitUploadedObject_ForeignKey_IsIgnored(string key)
    {
        var result = await _harness.Flow.SubmitUploadedObjectAsync(key);

        result.Outcome.Should().Be(SubmitOutcome.Ignored);
        result.Message.Should().NotBeNullOrEmpty();
        _harness.Api.LogEntries.Should().BeEmpty();
    }

    private async Task SubmitFailingAsync(string fileId) =>
        await FluentActions.Awaiting(() => _harness.Flow.SubmitAsync(fileId))
            .Should().ThrowAsync<ConversionApiException>();

    private async Task WaitForStatusAsync(string fileId, RecordStatus status)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while ((await _harness.Records.GetAsync(fileId))!.Status != status)
        {
            await Task.Delay(5, timeout.Token);
        }
    }

    /// <summary>Reads a text part of a multipart/form-data body.</summary>
    private static string Field(string body, string name)
    {
        var match = Regex.Match(body, $"name=\"?{name}\"?\\r\\n(?:[^\\r\\n]+\\r\\n)*\\r\\n(?<value>[^\\r]*)\\r\\n");
        match.Success.Should().BeTrue($"the body has a '{name}' part");
        return match.Groups["value"].Value;
    }
}
