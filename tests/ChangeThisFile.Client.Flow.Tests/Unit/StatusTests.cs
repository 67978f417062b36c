using System.Net;
using System.Text.Json;

namespace ChangeThisFile.Client.Flow.Tests.Unit;

public sealed class StatusTests : IDisposable
{
    private const string JobId = "5d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";

    private readonly FlowHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Status_Done_ReturnsDownloadUrl()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId, fileName: "Annual Report.csv");
        await _harness.Flow.HandleWebhookEventAsync(
            FlowHarness.Completed(JobId, seeded.FileId, _harness.ServeResult(JobId, "[1,2,3]")));

        var status = await _harness.Flow.GetStatusAsync(seeded.FileId);
        using var response = await _harness.StorageHttp.GetAsync(status.DownloadUrl);

        status.State.Should().Be(ConversionState.Done);
        status.JobId.Should().Be(JobId);
        status.FileName.Should().Be("Annual Report.json");
        status.Size.Should().Be(7);
        status.DownloadExpiresAt.Should()
            .Be(_harness.Clock.GetUtcNow() + ConversionFlowOptions.DefaultDownloadUrlExpiry);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("[1,2,3]");
        response.Content.Headers.ContentDisposition!.FileNameStar.Should().Be("Annual Report.json");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
        status.ToString().Should().NotContain("token=");
    }

    [Fact]
    public async Task Status_DownloadUrlAfterExpiry_IsRejected()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        await _harness.Flow.HandleWebhookEventAsync(
            FlowHarness.Completed(JobId, seeded.FileId, _harness.ServeResult(JobId, "[]")));
        var status = await _harness.Flow.GetStatusAsync(seeded.FileId);
        _harness.Clock.Advance(ConversionFlowOptions.DefaultDownloadUrlExpiry);

        using var response = await _harness.StorageHttp.GetAsync(status.DownloadUrl);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("awaiting_upload", ConversionState.Processing, true)]
    [InlineData("processing", ConversionState.Processing, false)]
    [InlineData("failed", ConversionState.Failed, false)]
    [InlineData("archived_by_newer_version", ConversionState.Processing, false)]
    public async Task Status_RecordStatus_MapsToState(string recordStatus, ConversionState state, bool awaitingUpload)
    {
        var seeded = await _harness.SeedAsync(new RecordStatus(recordStatus));

        var status = await _harness.Flow.GetStatusAsync(seeded.FileId);

        status.State.Should().Be(state);
        status.AwaitingUpload.Should().Be(awaitingUpload);
        status.DownloadUrl.Should().BeNull();
    }

    [Fact]
    public async Task Status_Failed_CarriesError()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Failed);

        var status = await _harness.Flow.GetStatusAsync(seeded.FileId);

        status.Error!.Code.Value.Should().Be("conversion_failed");
        status.Error.Message.Should().Be("earlier failure");
    }

    [Theory]
    [InlineData("README", "README.json")]
    [InlineData(".hidden", ".hidden.json")]
    [InlineData("data.tar.gz", "data.json")]
    public async Task Status_ResultFileName_ReplacesExtension(string original, string expected)
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId, fileName: original);
        await _harness.Flow.HandleWebhookEventAsync(
            FlowHarness.Completed(JobId, seeded.FileId, _harness.ServeResult(JobId, "[]")));

        (await _harness.Flow.GetStatusAsync(seeded.FileId)).FileName.Should().Be(expected);
    }

    [Fact]
    public async Task Status_Json_UsesSnakeCaseNames()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.AwaitingUpload);
        var status = await _harness.Flow.GetStatusAsync(seeded.FileId);

        var json = JsonSerializer.Serialize(status, ConversionFlowJsonContext.Default.ConversionStatus);

        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("status").GetString().Should().Be("processing");
        document.RootElement.GetProperty("awaiting_upload").GetBoolean().Should().BeTrue();
        document.RootElement.GetProperty("file_id").GetString().Should().Be(seeded.FileId);
        document.RootElement.TryGetProperty("download_url", out _).Should().BeFalse();
    }

    [Fact]
    public async Task SubmitResult_Json_UsesSnakeCase()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        var result = await _harness.Flow.SubmitAsync(seeded.FileId);

        var json = JsonSerializer.Serialize(result, ConversionFlowJsonContext.Default.SubmitResult);

        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("outcome").GetString().Should().Be("already_submitted");
        document.RootElement.GetProperty("status").GetString().Should().Be("processing");
        document.RootElement.GetProperty("job_id").GetString().Should().Be(JobId);
    }
}
