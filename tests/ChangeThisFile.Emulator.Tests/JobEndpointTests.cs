using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChangeThisFile.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using SkiaSharp;

namespace ChangeThisFile.Emulator.Tests;

public sealed class JobEndpointTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private ConversionEmulator Emulator => fixture.Emulator;

    [Fact]
    public async Task Submit_Upload_Returns202WithStatusUrlAndLocation()
    {
        using var api = EmulatorApi.For(Emulator);

        using var response = await api.SubmitAsync(TestImages.Encode("png"), "diagram.png", "webp");

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var body = await EmulatorApi.JsonAsync(response);
        var jobId = body.GetProperty("job_id").GetString()!;
        jobId.Should().MatchRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
        body.GetProperty("status").GetString().Should().Be("queued");
        var statusUrl = new Uri(Emulator.BaseAddress, "/v1/jobs/" + jobId);
        body.GetProperty("status_url").GetString().Should().Be(statusUrl.ToString());
        response.Headers.Location.Should().Be(statusUrl);
    }

    [Fact]
    public async Task Get_CompletedJob_ReturnsResultAndDownloadableFile()
    {
        using var api = EmulatorApi.For(Emulator);
        var metadata = ("webhook_metadata", """{"order_id":"ord_1"}""");
        var jobId = await api.SubmitJobAsync(TestImages.Encode("png"), "diagram.png", "jpg", metadata);
        await Emulator.Jobs.WaitForTerminalAsync(jobId);

        var job = await api.GetJobAsync(jobId);

        job.GetProperty("status").GetString().Should().Be("completed");
        job.GetProperty("source_format").GetString().Should().Be("png");
        job.GetProperty("target_format").GetString().Should().Be("jpg");
        job.GetProperty("created_at").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$");
        job.GetProperty("updated_at").GetString().Should().MatchRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$");
        job.GetProperty("metadata").GetProperty("order_id").GetString().Should().Be("ord_1");
        var result = job.GetProperty("result");
        result.GetProperty("source_format").GetString().Should().Be("png");
        result.GetProperty("target_format").GetString().Should().Be("jpg");
        result.GetProperty("duration_ms").GetInt64().Should().BeGreaterThanOrEqualTo(0);
        using var download = new HttpClient();
        var bytes = await download.GetByteArrayAsync(result.GetProperty("file_url").GetString());
        result.GetProperty("size").GetInt64().Should().Be(bytes.Length);
        using var image = SKBitmap.Decode(bytes);
        image.Width.Should().Be(TestImages.Width);
        job.TryGetProperty("error", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Get_FailedJob_ReturnsConversionFailedError()
    {
        using var api = EmulatorApi.For(Emulator);
        var jobId = await api.SubmitJobAsync("not a png"u8.ToArray(), "broken.png", "webp");
        await Emulator.Jobs.WaitForTerminalAsync(jobId);

        var job = await api.GetJobAsync(jobId);

        job.GetProperty("status").GetString().Should().Be("failed");
        job.GetProperty("error").GetProperty("code").GetString().Should().Be("conversion_failed");
        job.GetProperty("error").GetProperty("message").GetString().Should().Contain("could not be decoded as png");
        job.TryGetProperty("result", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Get_UnknownJob_Returns404NotFound()
    {
        using var api = EmulatorApi.For(Emulator);

        using var response = await api.Http.GetAsync("/v1/jobs/00000000-0000-0000-0000-000000000000");

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await EmulatorApi.ErrorAsync(response)).Code.Should().Be("not_found");
    }

    [Fact]
    public async Task Get_JobOfAnotherAccount_Returns404()
    {
        using var api = EmulatorApi.For(Emulator);
        var jobId = await api.SubmitJobAsync("a\n1\n"u8.ToArray(), "a.csv", "json");
        using var other = new HttpClient { BaseAddress = Emulator.BaseAddress };
        using var email = new StringContent("""{"email":"other@example.com"}""", Encoding.UTF8, "application/json");
        using var keyResponse = await other.PostAsync("/v1/keys/free", email);
        var otherKey = (await EmulatorApi.JsonAsync(keyResponse)).GetProperty("api_key").GetString();
        other.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", otherKey);

        using var response = await other.GetAsync("/v1/jobs/" + jobId);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Submit_UnsupportedPair_Returns422WithoutCreatingJob()
    {
        using var api = EmulatorApi.For(Emulator);
        var before = Emulator.Jobs.Count;

        using var response = await api.SubmitAsync(TestImages.Encode("png"), "a.png", "csv");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await EmulatorApi.ErrorAsync(response)).Code.Should().Be("unsupported_route");
        Emulator.Jobs.Count.Should().Be(before);
    }

    [Fact]
    public async Task Submit_FileUrl_FetchesAndConverts()
    {
        await using var files = await TestReceiver.StartAsync();
        var url = files.ServeFile("/bucket/uploads/photo.png", TestImages.Encode("png"), "image/png");
        using var api = EmulatorApi.For(Emulator);

        using var response = await api.SubmitUrlAsync(new Uri(url + "?X-Amz-Signature=secret"), "bmp");
        var jobId = (await EmulatorApi.JsonAsync(response)).GetProperty("job_id").GetString()!;
        var job = await Emulator.Jobs.WaitForTerminalAsync(jobId);

        job.Status.Should().Be("completed", job.ErrorMessage);
        job.ResultFileName.Should().Be("photo.bmp");
        job.InputSize.Should().Be(TestImages.Encode("png").Length);
        using var result = Emulator.Jobs.OpenResult(jobId);
        using var image = SKBitmap.Decode(result);
        image.Height.Should().Be(TestImages.Height);
    }

    [Fact]
    public async Task Submit_ExtensionlessFileUrl_SniffsSource()
    {
        await using var files = await TestReceiver.StartAsync();
        var url = files.ServeFile("/blob/42", TestImages.Encode("webp"));
        using var api = EmulatorApi.For(Emulator);

        using var response = await api.SubmitUrlAsync(url, "png");
        var jobId = (await EmulatorApi.JsonAsync(response)).GetProperty("job_id").GetString()!;
        var job = await Emulator.Jobs.WaitForTerminalAsync(jobId);

        job.Status.Should().Be("completed", job.ErrorMessage);
        job.SourceFormat.Should().Be("webp");
    }

    [Fact]
    public async Task Submit_MissingFileUrl_FailsWithoutQuery()
    {
        await using var files = await TestReceiver.StartAsync();
        using var api = EmulatorApi.For(Emulator);

        using var response = await api.SubmitUrlAsync(files.Url("/missing.png?signature=topsecret"), "jpg");
        var jobId = (await EmulatorApi.JsonAsync(response)).GetProperty("job_id").GetString()!;
        var job = await Emulator.Jobs.WaitForTerminalAsync(jobId);

        job.Status.Should().Be("failed");
        job.ErrorCode.Should().Be("fetch_failed");
        job.ErrorMessage.Should().Contain("HTTP 404");
        job.ErrorMessage.Should().NotContain("topsecret");
    }

    [Fact]
    public async Task Submit_FileUrlOverCap_FailsTooLarge()
    {
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            MaxFileSizeBytes = 100,
        });
        await using var files = await TestReceiver.StartAsync();
        var url = files.ServeFile("/big.csv", Encoding.UTF8.GetBytes("a\n" + new string('1', 200) + "\n"));
        using var api = EmulatorApi.For(emulator);

        using var response = await api.SubmitUrlAsync(url, "json");
        var jobId = (await EmulatorApi.JsonAsync(response)).GetProperty("job_id").GetString()!;
        var job = await emulator.Jobs.WaitForTerminalAsync(jobId);

        job.ErrorCode.Should().Be("file_too_large");
    }

    [Theory]
    [InlineData("file_url", "http://example.com/a.png", "is not a loopback address")]
    [InlineData("file_url", "ftp://127.0.0.1/a.png", "not an absolute http or https URL")]
    [InlineData("webhook_url", "http://169.254.169.254/hook", "is not a loopback address")]
    [InlineData("webhook_metadata", "[1,2]", "is not a JSON object")]
    [InlineData("webhook_metadata", "{oops", "is not valid JSON")]
    public async Task Submit_InvalidJobField_Returns400(string field, string value, string message)
    {
        using var api = EmulatorApi.For(Emulator);
        (string, string)[] fields = field == "file_url"
            ? [("target", "png"), (field, value)]
            : [("target", "png"), ("file_url", "http://127.0.0.1:9/a.jpg"), (field, value)];

        using var response = await api.PostAsync("/v1/jobs", EmulatorApi.Form(null, null, fields));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EmulatorApi.ErrorAsync(response)).Message.Should().Contain(message);
    }

    [Fact]
    public async Task Submit_UrlEncodedForm_CreatesJob()
    {
        await using var files = await TestReceiver.StartAsync();
        var url = files.ServeFile("/in.md", "# Title\n"u8.ToArray());
        using var api = EmulatorApi.For(Emulator);
        using var form = new FormUrlEncodedContent([new("file_url", url.ToString()), new("target", "html")]);

        using var response = await api.PostAsync("/v1/jobs", form);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var jobId = (await EmulatorApi.JsonAsync(response)).GetProperty("job_id").GetString()!;
        (await Emulator.Jobs.WaitForTerminalAsync(jobId)).Status.Should().Be("completed");
    }

    [Fact]
    public async Task Submit_RawBodyWithQuery_CreatesJob()
    {
        using var api = EmulatorApi.For(Emulator);
        var metadata = Uri.EscapeDataString("""{"file_id":"f-1"}""");
        using var body = new ByteArrayContent(TestImages.Encode("png"));
        body.Headers.ContentType = new MediaTypeHeaderValue("image/png");

        var path = $"/v1/jobs?target=webp&filename=scan.png&webhook_metadata={metadata}";

        using var response = await api.PostAsync(path, body);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        var jobId = (await EmulatorApi.JsonAsync(response)).GetProperty("job_id").GetString()!;
        var job = await Emulator.Jobs.WaitForTerminalAsync(jobId);
        job.Status.Should().Be("completed");
        job.ResultFileName.Should().Be("scan.webp");
        JsonDocument.Parse(job.Metadata!).RootElement.GetProperty("file_id").GetString().Should().Be("f-1");
    }

    [Fact]
    public async Task Get_DuringQueueDelay_ShowsQueuedThenCompleted()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            TimeProvider = clock,
            JobQueueDelay = TimeSpan.FromSeconds(3),
        });
        using var api = EmulatorApi.For(emulator);
        var jobId = await api.SubmitJobAsync("a\n1\n"u8.ToArray(), "a.csv", "yaml");

        var queued = await api.GetJobAsync(jobId);
        clock.Advance(TimeSpan.FromSeconds(3));
        await emulator.Jobs.WaitForTerminalAsync(jobId);
        var completed = await api.GetJobAsync(jobId);

        queued.GetProperty("status").GetString().Should().Be("queued");
        queued.GetProperty("updated_at").GetString().Should().Be("2026-01-01T00:00:00Z");
        completed.GetProperty("status").GetString().Should().Be("completed");
        completed.GetProperty("created_at").GetString().Should().Be("2026-01-01T00:00:00Z");
        completed.GetProperty("updated_at").GetString().Should().Be("2026-01-01T00:00:03Z");
    }

    [Fact]
    public async Task Get_AfterRetention_Returns404()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            TimeProvider = clock,
        });
        using var api = EmulatorApi.For(emulator);
        var jobId = await api.SubmitJobAsync("a\n1\n"u8.ToArray(), "a.csv", "json");
        await emulator.Jobs.WaitForTerminalAsync(jobId);

        clock.Advance(ConversionEmulatorOptions.DefaultJobRetention);
        using var response = await api.Http.GetAsync("/v1/jobs/" + jobId);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        emulator.Jobs.Find(jobId).Should().BeNull();
    }
}
