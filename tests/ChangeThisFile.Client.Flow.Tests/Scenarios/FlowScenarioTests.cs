using System.Text;
using System.Text.Json;
using ChangeThisFile.Client.Flow.Tests.Infrastructure;

namespace ChangeThisFile.Client.Flow.Tests.Scenarios;

/// <summary>
/// The whole flow against the emulator, a real Kestrel webhook endpoint and one storage pair:
/// upload through the presigned URL, submit, the emulator's signed webhook, and the status step's
/// download URL.
/// </summary>
public abstract partial class FlowScenarioTests<TEnvironment>
    where TEnvironment : FlowEnvironment
{
    protected FlowScenarioTests(TEnvironment environment)
    {
        Env = environment;
        Env.ResetFaults();
    }

    protected TEnvironment Env { get; }

    [Fact]
    public async Task Flow_CsvToJson_StoresConvertedRows()
    {
        var ticket = await Env.UploadAsync("inventory.csv", TestFiles.Csv, "json", "text/csv");

        var submitted = await Env.Flow.SubmitAsync(ticket.FileId);
        var record = await Env.WaitForTerminalAsync(ticket.FileId);
        var (body, disposition) = await Env.DownloadResultAsync(ticket.FileId);

        submitted.Outcome.Should().Be(SubmitOutcome.Submitted);
        record.Status.Should().Be(RecordStatus.Done);
        record.JobId.Should().Be(submitted.JobId);
        record.OutputSize.Should().Be(body.Length);
        using var json = JsonDocument.Parse(body);
        json.RootElement.GetArrayLength().Should().Be(2);
        json.RootElement[0].GetProperty("name").GetString().Should().Be("widget");
        disposition.Should().Contain("inventory.json");
    }

    [Fact]
    public async Task Flow_MarkdownToHtml_StoresHeading()
    {
        var ticket = await Env.UploadAsync("Report (Q3).md", TestFiles.Markdown, "html");

        await Env.Flow.SubmitAsync(ticket.FileId);
        var record = await Env.WaitForTerminalAsync(ticket.FileId);
        var (body, _) = await Env.DownloadResultAsync(ticket.FileId);

        record.Status.Should().Be(RecordStatus.Done);
        var html = Encoding.UTF8.GetString(body);
        html.Should().Contain("<h1");
        html.Should().Contain("Quarterly report");
        html.Should().Contain("<title>Report (Q3)</title>", "the input URL names the user's file, not the storage key");
    }

    [Fact]
    public async Task Flow_PngToWebp_StoresWebpImage()
    {
        var ticket = await Env.UploadAsync("photo.png", TestFiles.Png, "webp", "image/png");

        await Env.Flow.SubmitAsync(ticket.FileId);
        var record = await Env.WaitForTerminalAsync(ticket.FileId);
        var (body, _) = await Env.DownloadResultAsync(ticket.FileId);

        record.Status.Should().Be(RecordStatus.Done);
        record.OutputKey.Should().Be($"results/{ticket.FileId}.webp");
        TestFiles.IsWebp(body).Should().BeTrue("the stored result starts with a RIFF/WEBP header");
        var status = await Env.Flow.GetStatusAsync(ticket.FileId);
        status.FileName.Should().Be("photo.webp");
    }

    [Fact]
    public async Task Submit_Twice_CreatesOneJob()
    {
        var ticket = await Env.UploadAsync("twice.csv", TestFiles.Csv, "json");

        var first = await Env.Flow.SubmitAsync(ticket.FileId);
        var second = await Env.Flow.SubmitAsync(ticket.FileId);
        await Env.WaitForTerminalAsync(ticket.FileId);
        var third = await Env.Flow.SubmitAsync(ticket.FileId);

        first.Outcome.Should().Be(SubmitOutcome.Submitted);
        second.Outcome.Should().Be(SubmitOutcome.AlreadySubmitted);
        second.JobId.Should().Be(first.JobId);
        third.Outcome.Should().Be(SubmitOutcome.AlreadySubmitted);
        Env.JobsOf(ticket.FileId).Should().ContainSingle().Which.JobId.Should().Be(first.JobId);
    }

    [Fact]
    public async Task Submit_Concurrently_CreatesOneJob()
    {
        var ticket = await Env.UploadAsync("racing.csv", TestFiles.Csv, "json");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Env.Flow.SubmitAsync(ticket.FileId)));
        var record = await Env.WaitForTerminalAsync(ticket.FileId);

        record.Status.Should().Be(RecordStatus.Done);
        Env.JobsOf(ticket.FileId).Should().ContainSingle().Which.JobId.Should().Be(record.JobId);
        results.Where(result => result.JobId is not null).Select(result => result.JobId).Distinct()
            .Should().Equal(record.JobId);
    }

    [Fact]
    public async Task Submit_BeforeUpload_ReportsNotUploaded()
    {
        var ticket = await Env.Flow.CreateUploadAsync(new CreateUploadRequest("late.csv", "json"));

        var result = await Env.Flow.SubmitAsync(ticket.FileId);
        var status = await Env.Flow.GetStatusAsync(ticket.FileId);

        result.Outcome.Should().Be(SubmitOutcome.NotUploaded);
        status.State.Should().Be(ConversionState.Processing);
        status.AwaitingUpload.Should().BeTrue();
        Env.JobsOf(ticket.FileId).Should().BeEmpty();
    }

    [Fact]
    public async Task SubmitUploadedObject_InputKey_SubmitsFile()
    {
        var ticket = await Env.UploadAsync("event.csv", TestFiles.Csv, "json");
        var record = await Env.Records.GetAsync(ticket.FileId);

        var result = await Env.Flow.SubmitUploadedObjectAsync(record!.InputKey);
        var done = await Env.WaitForTerminalAsync(ticket.FileId);

        result.Outcome.Should().Be(SubmitOutcome.Submitted);
        result.FileId.Should().Be(ticket.FileId);
        done.Status.Should().Be(RecordStatus.Done);
    }

    [Fact]
    public async Task SubmitUploadedObject_StoredResult_IsIgnored()
    {
        var ticket = await Env.UploadAsync("loop.csv", TestFiles.Csv, "json");
        await Env.Flow.SubmitAsync(ticket.FileId);
        var done = await Env.WaitForTerminalAsync(ticket.FileId);

        var result = await Env.Flow.SubmitUploadedObjectAsync(done.OutputKey!);

        result.Outcome.Should().Be(SubmitOutcome.Ignored);
        Env.JobsOf(ticket.FileId).Should().ContainSingle();
    }

    [Fact]
    public async Task Flow_UndecodableInput_RecordsApiError()
    {
        var ticket = await Env.UploadAsync("broken.png", TestFiles.NotAnImage, "webp");

        var submitted = await Env.Flow.SubmitAsync(ticket.FileId);
        var record = await Env.WaitForTerminalAsync(ticket.FileId);
        var status = await Env.Flow.GetStatusAsync(ticket.FileId);

        var job = Env.Emulator.Jobs.Find(submitted.JobId!)!;
        job.Status.Should().Be("failed");
        record.Status.Should().Be(RecordStatus.Failed);
        record.ErrorCode.Should().Be(job.ErrorCode);
        record.ErrorMessage.Should().Be(job.ErrorMessage);
        status.State.Should().Be(ConversionState.Failed);
        status.Error!.Code.Value.Should().Be("conversion_failed");
        status.DownloadUrl.Should().BeNull();
    }

    [Fact]
    public async Task Submit_UnsupportedRoute_RejectsWithApiError()
    {
        var ticket = await Env.UploadAsync("picture.png", TestFiles.Png, "json");

        var result = await Env.Flow.SubmitAsync(ticket.FileId);
        var record = await Env.Records.GetAsync(ticket.FileId);

        result.Outcome.Should().Be(SubmitOutcome.Rejected);
        result.Error!.Code.Value.Should().Be("unsupported_route");
        record!.Status.Should().Be(RecordStatus.Failed);
        record.ErrorCode.Should().Be("unsupported_route");
        record.Metadata.Keys.Should().NotContain(key => key.StartsWith("ctf.", StringComparison.Ordinal));
    }
}
