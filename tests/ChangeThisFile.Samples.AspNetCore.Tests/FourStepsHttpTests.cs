using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChangeThisFile.Client.Flow;
using ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;

namespace ChangeThisFile.Samples.AspNetCore.Tests;

/// <summary>The four steps over real HTTP against the sample with its default configuration.</summary>
public sealed class FourStepsHttpTests(SampleFixture fixture) : IClassFixture<SampleFixture>
{
    private RunningSample Sample => fixture.Sample;

    [Fact]
    public async Task FourSteps_CsvToJson_DownloadsConvertedRows()
    {
        var (upload, submitted) = await Sample.UploadAndSubmitAsync(TestFiles.PeopleCsv, "json");
        var status = await Sample.WaitForEndAsync(upload.FileId);
        var result = await Sample.DownloadAsync(status.DownloadUrl!);

        submitted.Outcome.Should().Be(SubmitOutcome.Submitted);
        status.State.Should().Be(ConversionState.Done);
        status.JobId.Should().Be(submitted.JobId);
        status.FileName.Should().Be("people.json");
        status.Size.Should().Be(result.Length);
        using var rows = JsonDocument.Parse(result);
        rows.RootElement.GetArrayLength().Should().Be(5);
        rows.RootElement[4].GetProperty("name").GetString().Should().Be("Eleanor \"Nell\" Park");
        rows.RootElement[4].GetProperty("city").GetString().Should().Be("Portland, OR");
    }

    [Fact]
    public async Task StoredResult_MatchesApiBytes()
    {
        var (upload, submitted) = await Sample.UploadAndSubmitAsync(TestFiles.GuideMarkdown, "html");
        var status = await Sample.WaitForEndAsync(upload.FileId);

        var stored = await Sample.DownloadAsync(status.DownloadUrl!);
        using var original = new MemoryStream();
        await using (var fromApi = Sample.Emulator!.Jobs.OpenResult(submitted.JobId!))
        {
            await fromApi.CopyToAsync(original);
        }

        stored.Should().Equal(original.ToArray());
    }

    [Fact]
    public async Task Webhook_FirstAttempt_AcceptedWith200()
    {
        var (upload, submitted) = await Sample.UploadAndSubmitAsync(TestFiles.PeopleCsv, "yaml");
        await Sample.WaitForEndAsync(upload.FileId);

        var deliveries = Sample.Emulator!.Webhooks.ForJob(submitted.JobId!);

        deliveries.Should().ContainSingle();
        deliveries[0].Attempt.Should().Be(1);
        deliveries[0].StatusCode.Should().Be(200);
        deliveries[0].Url.AbsolutePath.Should().Be("/webhooks/changethisfile");
    }

    [Fact]
    public async Task CreateUpload_ValidRequest_ReturnsPresignedPut()
    {
        using var response = await PostUploadAsync(
            """{"file_name":"people.csv","target":"json","content_type":"text/csv"}""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        var fileId = root.GetProperty("file_id").GetString()!;

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.Location!.OriginalString.Should().Be($"/api/conversions/{fileId}");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        root.GetProperty("method").GetString().Should().Be("PUT");
        root.GetProperty("headers").GetProperty("Content-Type").GetString().Should().Be("text/csv");
        var storage = new Uri(Sample.Http.BaseAddress!, "storage/").AbsoluteUri;
        root.GetProperty("upload_url").GetString().Should().StartWith(storage);
    }

    [Fact]
    public async Task CreateUpload_TargetNotAllowed_Returns400NamingTarget()
    {
        using var response = await PostUploadAsync("""{"file_name":"people.csv","target":"pdf"}""");
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        text.Should().Contain("'pdf' is not allowed");
        text.Should().Contain("json");
    }

    [Fact]
    public async Task CreateUpload_MissingFileName_Returns400NamingField()
    {
        using var response = await PostUploadAsync("""{"target":"json"}""");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        body.RootElement.GetProperty("errors").TryGetProperty("FileName", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Upload_OtherContentType_RejectedByStorage()
    {
        var upload = await Sample.CreateUploadAsync(TestFiles.PeopleCsv, "json");
        using var request = new HttpRequestMessage(HttpMethod.Put, upload.UploadUrl)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes("id\n1\n")),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        using var response = await Sample.Http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Submit_BeforeUpload_Returns409NotUploaded()
    {
        var upload = await Sample.CreateUploadAsync(TestFiles.PeopleCsv, "json");

        using var response = await Sample.Http.PostAsync($"/api/conversions/{upload.FileId}/submit", null);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
        body.RootElement.GetProperty("outcome").GetString().Should().Be("not_uploaded");
    }

    [Fact]
    public async Task Submit_UnknownFileId_Returns404()
    {
        using var response = await Sample.Http.PostAsync("/api/conversions/AAAAAAAAAAAAAAAAAAAAAA/submit", null);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        body.RootElement.GetProperty("outcome").GetString().Should().Be("not_found");
    }

    [Fact]
    public async Task Submit_UnsupportedRoute_Returns422AndStatusFailed()
    {
        var upload = await Sample.CreateUploadAsync(TestFiles.PeopleCsv, "webp");
        await using (var file = File.OpenRead(TestFiles.PeopleCsv))
        {
            await Sample.Api.UploadAsync(upload, file, CancellationToken.None);
        }

        using var response = await Sample.Http.PostAsync($"/api/conversions/{upload.FileId}/submit", null);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var status = await Sample.Api.GetStatusAsync(upload.FileId, CancellationToken.None);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        body.RootElement.GetProperty("outcome").GetString().Should().Be("rejected");
        status.State.Should().Be(ConversionState.Failed);
        status.Error!.Code.Value.Should().Be("unsupported_route");
    }

    [Fact]
    public async Task Submit_Twice_CreatesOneJob()
    {
        var (upload, first) = await Sample.UploadAndSubmitAsync(TestFiles.PeopleCsv, "tsv");

        var second = await Sample.Api.SubmitAsync(upload.FileId, CancellationToken.None);

        second.Outcome.Should().Be(SubmitOutcome.AlreadySubmitted);
        second.JobId.Should().Be(first.JobId);
        Sample.Emulator!.Jobs.List()
            .Where(job => job.Metadata?.Contains(upload.FileId, StringComparison.Ordinal) == true)
            .Should().ContainSingle();
    }

    [Fact]
    public async Task Status_UnknownFileId_Returns404()
    {
        using var response = await Sample.Http.GetAsync("/api/conversions/AAAAAAAAAAAAAAAAAAAAAA");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Webhook_Unsigned_Returns401()
    {
        using var content = new StringContent("""{"event":"job.completed","data":{"job_id":"x"}}""",
            Encoding.UTF8, "application/json");

        using var response = await Sample.Http.PostAsync("/webhooks/changethisfile", content);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Formats_ListsConfiguredTargets()
    {
        using var body = JsonDocument.Parse(await Sample.Http.GetStringAsync("/api/formats"));

        var targets = body.RootElement.GetProperty("targets").EnumerateArray().Select(item => item.GetString());

        targets.Should().Contain(["json", "html", "webp"]);
    }

    [Fact]
    public async Task Root_ServesPage()
    {
        using var response = await Sample.Http.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        html.Should().Contain("id=\"convert-form\"");
    }

    [Fact]
    public async Task Health_ReturnsHealthy()
    {
        var text = await Sample.Http.GetStringAsync("/healthz");

        text.Should().Be("Healthy");
    }

    private Task<HttpResponseMessage> PostUploadAsync(string json) =>
        Sample.Http.PostAsync("/api/uploads", new StringContent(json, Encoding.UTF8, "application/json"));
}
