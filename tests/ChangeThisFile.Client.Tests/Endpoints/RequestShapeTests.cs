using System.Text;
using System.Text.Json;
using ChangeThisFile.Client.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChangeThisFile.Client.Tests.Endpoints;

/// <summary>The exact method, path, headers and body each endpoint sends.</summary>
public sealed class RequestShapeTests : IDisposable
{
    private const string JobId = "3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b";
    private readonly ApiServer _api = new();
    private readonly ClientHarness _harness;

    public RequestShapeTests() => _harness = new ClientHarness(_api.Url);

    private IConversionClient Client => _harness.Client;

    public void Dispose()
    {
        _harness.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task Convert_SendsMultipartWithFieldsThenFile()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/convert").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody([1, 2, 3]));
        var content = UploadContent.FromBytes("PNGDATA"u8.ToArray(), "diagram.png", "image/png");
        var request = new ConvertRequest(content, "webp")
        {
            Source = "png",
            Quality = 80,
        };

        await using var result = await Client.ConvertAsync(request);

        var entry = _api.SingleRequest();
        entry.RequestMessage!.Method.Should().Be("POST");
        entry.RequestMessage!.Path.Should().Be("/v1/convert");
        entry.Header("Authorization").Should().Be("Bearer " + ClientHarness.ApiKey);
        entry.Header("Content-Type").Should().StartWith("multipart/form-data; boundary=");
        var parts = await entry.PartsAsync();
        parts.Select(part => part.Name).Should().Equal("target", "source", "quality", "file");
        parts[0].Text.Should().Be("webp");
        parts[1].Text.Should().Be("png");
        parts[2].Text.Should().Be("80");
        parts[3].FileName.Should().Be("diagram.png");
        parts[3].ContentType.Should().Be("image/png");
        parts[3].Text.Should().Be("PNGDATA");
    }

    [Fact]
    public async Task Convert_SendsGeneratedIdempotencyKey()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/convert").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("x"));

        await using var result = await Client.ConvertAsync(new MemoryStream(new byte[1]), "a.png", "jpg");

        var key = _api.SingleRequest().Header("Idempotency-Key");
        key.Should().MatchRegex("^[A-Za-z0-9._:+/-]{1,128}$");
        Guid.TryParse(key, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Convert_SendsCallerIdempotencyKey()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/convert").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("x"));
        var request = new ConvertRequest(UploadContent.FromBytes(new byte[1], "a.png"), "jpg")
        {
            IdempotencyKey = "order:42/v1+a_b.c-d",
        };

        await using var result = await Client.ConvertAsync(request);

        _api.SingleRequest().Header("Idempotency-Key").Should().Be("order:42/v1+a_b.c-d");
    }

    [Fact]
    public async Task Convert_ReturnsStreamedResultWithHeaders()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/convert").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200)
                .WithHeader("Content-Type", "image/webp")
                .WithHeader("Content-Disposition", "attachment; filename=\"diagram.webp\"")
                .WithHeader("X-Conversion-Time", "212ms")
                .WithHeader("X-RateLimit-Limit", "10")
                .WithHeader("X-RateLimit-Remaining", "7")
                .WithHeader("X-RateLimit-Reset", "1767225660")
                .WithHeader("X-Request-Id", "req_123")
                .WithBody("WEBPBYTES"u8.ToArray()));

        await using var result = await Client.ConvertAsync(new MemoryStream(new byte[4]), "diagram.png", "webp");
        using var reader = new StreamReader(result.Content);
        var body = await reader.ReadToEndAsync();

        body.Should().Be("WEBPBYTES");
        result.FileName.Should().Be("diagram.webp");
        result.ContentType.Should().Be("image/webp");
        result.ConversionTime.Should().Be(TimeSpan.FromMilliseconds(212));
        result.RequestId.Should().Be("req_123");
        result.RateLimit.Should().Be(new RateLimitInfo(10, 7, DateTimeOffset.FromUnixTimeSeconds(1767225660)));
    }

    [Fact]
    public async Task SubmitJob_SendsUploadWithWebhookFields()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/jobs").UsingPost())
            .RespondWith(Responses.Example(202, "job-created.json")
                .WithHeader("Location", $"https://api.example.com/v1/jobs/{JobId}"));
        var request = new JobUploadRequest(UploadContent.FromBytes("DATA"u8.ToArray(), "photo.heic"), "jpg")
        {
            Source = "heic",
            Quality = 90,
            WebhookUrl = new Uri("https://app.example.com/hooks/ctf"),
            WebhookMetadata = new Dictionary<string, string> { ["file_id"] = "f_1", ["note"] = "Größe \"x\"" },
            IdempotencyKey = "submit:f_1",
        };

        var handle = await Client.SubmitJobAsync(request);

        var entry = _api.SingleRequest();
        entry.RequestMessage!.Method.Should().Be("POST");
        entry.RequestMessage!.Path.Should().Be("/v1/jobs");
        entry.Header("Authorization").Should().Be("Bearer " + ClientHarness.ApiKey);
        entry.Header("Idempotency-Key").Should().Be("submit:f_1");
        var parts = await entry.PartsAsync();
        parts.Select(part => part.Name).Should()
            .Equal("target", "source", "quality", "webhook_url", "webhook_metadata", "file");
        parts.Single(part => part.Name == "webhook_url").Text.Should().Be("https://app.example.com/hooks/ctf");
        var metadata = JsonDocument.Parse(parts.Single(part => part.Name == "webhook_metadata").Text).RootElement;
        metadata.GetProperty("file_id").GetString().Should().Be("f_1");
        metadata.GetProperty("note").GetString().Should().Be("Größe \"x\"");
        parts[^1].FileName.Should().Be("photo.heic");
        parts[^1].ContentType.Should().Be("application/octet-stream");
        handle.JobId.Should().Be(JobId);
        handle.Status.Should().Be(JobStatus.Queued);
        handle.StatusUrl.Should().Be($"https://api.example.com/v1/jobs/{JobId}");
        handle.Location.Should().Be(new Uri($"https://api.example.com/v1/jobs/{JobId}"));
        handle.IdempotencyKey.Should().Be("submit:f_1");
    }

    [Fact]
    public async Task SameIdempotencyKey_SendsIdenticalBodies()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/jobs").UsingPost())
            .RespondWith(Responses.Example(202, "job-created.json"));
        JobUploadRequest Submission(string key) =>
            new(UploadContent.FromBytes("DATA"u8.ToArray(), "a.png"), "webp") { IdempotencyKey = key };

        await Client.SubmitJobAsync(Submission("submit:f_1"));
        await Client.SubmitJobAsync(Submission("submit:f_1"));
        await Client.SubmitJobAsync(Submission("submit:f_2"));

        var requests = _api.Requests;
        requests[1].BodyBytes().Should().Equal(requests[0].BodyBytes());
        requests[1].Header("Content-Type").Should().Be(requests[0].Header("Content-Type"));
        requests[2].Header("Content-Type").Should().NotBe(requests[0].Header("Content-Type"));
    }

    [Fact]
    public async Task SubmitJobFromUrl_SendsFileUrlOnly()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/jobs").UsingPost())
            .RespondWith(Responses.Example(202, "job-created.json"));
        var request = new JobUrlRequest(new Uri("https://bucket.example.com/in/a.png?X-Amz-Signature=abc"), "webp")
        {
            WebhookUrl = new Uri("https://app.example.com/hooks"),
            WebhookMetadata = new Dictionary<string, string> { ["file_id"] = "f_2" },
        };

        var handle = await Client.SubmitJobFromUrlAsync(request);

        var entry = _api.SingleRequest();
        entry.RequestMessage!.Path.Should().Be("/v1/jobs");
        entry.Header("Authorization").Should().Be("Bearer " + ClientHarness.ApiKey);
        entry.Header("Idempotency-Key").Should().Be(handle.IdempotencyKey);
        var parts = await entry.PartsAsync();
        parts.Select(part => part.Name).Should().Equal("file_url", "target", "webhook_url", "webhook_metadata");
        parts[0].Text.Should().Be("https://bucket.example.com/in/a.png?X-Amz-Signature=abc");
        parts.Should().OnlyContain(part => part.FileName == null);
    }

    [Fact]
    public async Task GetJob_SendsAuthenticatedGet()
    {
        _api.Server.Given(Request.Create().WithPath($"/v1/jobs/{JobId}").UsingGet())
            .RespondWith(Responses.Example(200, "job-status-processing.json"));

        var job = await Client.GetJobAsync(JobId);

        var entry = _api.SingleRequest();
        entry.RequestMessage!.Method.Should().Be("GET");
        entry.Header("Authorization").Should().Be("Bearer " + ClientHarness.ApiKey);
        entry.HasHeader("Idempotency-Key").Should().BeFalse();
        entry.Header("User-Agent").Should().StartWith("ChangeThisFile.Client/");
        job.Status.Should().Be(JobStatus.Processing);
    }

    [Fact]
    public async Task GetJob_EscapesJobIdInPath()
    {
        _api.Server.Given(Request.Create().UsingGet())
            .RespondWith(Responses.Json(200, Responses.JobJson("x", "queued")));

        await Client.GetJobAsync("../keys/rotate");

        var entry = _api.SingleRequest();
        entry.RequestMessage!.Url.Should().EndWith("/v1/jobs/..%2Fkeys%2Frotate");
        entry.RequestMessage!.Path.Should().NotBe("/v1/keys/rotate");
    }

    [Fact]
    public async Task ListJobs_SendsLimitAndCursor()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/jobs").UsingGet())
            .RespondWith(Responses.Json(200, """{"data":[],"has_more":false,"next_cursor":null}"""));

        await foreach (var _ in Client.ListJobsAsync(new JobListOptions { PageSize = 50, Cursor = "c 1" }))
        {
        }

        var entry = _api.SingleRequest();
        entry.RequestMessage!.Method.Should().Be("GET");
        entry.Header("Authorization").Should().Be("Bearer " + ClientHarness.ApiKey);
        entry.RequestMessage!.Query!["limit"].Should().Equal("50");
        entry.RequestMessage!.Query!["cursor"].Should().Equal("c 1");
    }

    [Fact]
    public async Task GetUsage_SendsAuthenticatedGet()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/usage").UsingGet()).RespondWith(Responses.Json(200,
            """
            {"plan":"free","conversions_used":12,"conversions_limit":1000,"period_start":"2026-12-01T00:00:00Z",
             "period_end":"2027-01-01T00:00:00Z","overage":false}
            """));

        var usage = await Client.GetUsageAsync();

        _api.SingleRequest().Header("Authorization").Should().Be("Bearer " + ClientHarness.ApiKey);
        usage.Plan.Should().Be("free");
        usage.ConversionsUsed.Should().Be(12);
        usage.ConversionsLimit.Should().Be(1000);
        usage.PeriodStart.Should().Be(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        usage.PeriodEnd.Should().Be(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero));
        usage.AdditionalProperties!["overage"].GetBoolean().Should().BeFalse();
    }

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    public async Task CreateFreeApiKey_SendsEmailWithoutApiKey(int status)
    {
        _api.Server.Given(Request.Create().WithPath("/v1/keys/free").UsingPost())
            .RespondWith(Responses.Example(status, "keys-free-response.json"));

        var key = await Client.CreateFreeApiKeyAsync("dev@example.com");

        var entry = _api.SingleRequest();
        entry.RequestMessage!.Method.Should().Be("POST");
        entry.HasHeader("Authorization").Should().BeFalse();
        entry.Header("Content-Type").Should().StartWith("application/json");
        JsonDocument.Parse(entry.RequestMessage!.Body!).RootElement.GetProperty("email").GetString()
            .Should().Be("dev@example.com");
        key.ApiKey.Should().Be("ctf_sk_0123456789abcdefEXAMPLE");
        key.Plan.Should().Be("free");
        key.MonthlyLimit.Should().Be(1000);
        key.Message.Should().Be("Store this key now; it is displayed only once.");
    }

    [Fact]
    public async Task RotateApiKey_SendsAuthenticatedPost()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/keys/rotate").UsingPost())
            .RespondWith(Responses.Json(
                200, """{"api_key":"ctf_sk_new","created_at":"2026-01-02T03:04:05Z","key_id":"k_9"}"""));

        var rotation = await Client.RotateApiKeyAsync();

        var entry = _api.SingleRequest();
        entry.RequestMessage!.Method.Should().Be("POST");
        entry.Header("Authorization").Should().Be("Bearer " + ClientHarness.ApiKey);
        entry.HasHeader("Idempotency-Key").Should().BeFalse();
        rotation.ApiKey.Should().Be("ctf_sk_new");
        rotation.CreatedAt.Should().Be(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        rotation.AdditionalProperties!["key_id"].GetString().Should().Be("k_9");
    }

    [Fact]
    public async Task RotateWebhookSecret_SendsAuthenticatedPost()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/webhooks/secret").UsingPost())
            .RespondWith(Responses.Json(200, """{"secret":"whsec_new","created_at":"2026-01-02T03:04:05Z"}"""));

        var rotation = await Client.RotateWebhookSecretAsync();

        var entry = _api.SingleRequest();
        entry.RequestMessage!.Method.Should().Be("POST");
        entry.Header("Authorization").Should().Be("Bearer " + ClientHarness.ApiKey);
        rotation.Secret.Should().Be("whsec_new");
        rotation.CreatedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task SendTestWebhook_SendsUrlAsJson()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/webhooks/test").UsingPost())
            .RespondWith(Responses.Json(
                200, """{"delivered":true,"status_code":204,"url":"https://app.example.com/hooks"}"""));

        var result = await Client.SendTestWebhookAsync(new Uri("https://app.example.com/hooks"));

        var entry = _api.SingleRequest();
        entry.Header("Authorization").Should().Be("Bearer " + ClientHarness.ApiKey);
        entry.Header("Content-Type").Should().StartWith("application/json");
        JsonDocument.Parse(entry.RequestMessage!.Body!).RootElement.GetProperty("url").GetString()
            .Should().Be("https://app.example.com/hooks");
        result.Delivered.Should().BeTrue();
        result.StatusCode.Should().Be(204);
        result.Url.Should().Be("https://app.example.com/hooks");
    }

    [Fact]
    public async Task Download_OnApiOrigin_SendsNoApiKey()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/jobs/download/tok").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("RESULT"));
        using var destination = new MemoryStream();

        await Client.DownloadAsync(new Uri(_api.Url, "v1/jobs/download/tok"), destination);

        _api.SingleRequest().HasHeader("Authorization").Should().BeFalse();
        Encoding.UTF8.GetString(destination.ToArray()).Should().Be("RESULT");
    }

    [Fact]
    public async Task Download_OnOtherOrigin_SendsNoApiKey()
    {
        using var storage = new ApiServer();
        storage.Server.Given(Request.Create().WithPath("/out/a.webp").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("RESULT"));
        using var harness = new ClientHarness(
            _api.Url, options => options.TrustedDownloadHosts.Add(storage.Url.Authority));
        using var destination = new MemoryStream();

        await harness.Client.DownloadAsync(new Uri(storage.Url, "out/a.webp?sig=abc"), destination);

        var entry = storage.SingleRequest();
        entry.HasHeader("Authorization").Should().BeFalse();
        entry.RequestMessage!.Query!["sig"].Should().Equal("abc");
    }
}
