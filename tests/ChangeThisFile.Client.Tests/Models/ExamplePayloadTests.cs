using System.Net;
using System.Text.Json;
using ChangeThisFile.Client.Tests.Infrastructure;
using WireMock.RequestBuilders;

namespace ChangeThisFile.Client.Tests.Models;

/// <summary>Every API example payload, served by WireMock and read through the client.</summary>
public sealed class ExamplePayloadTests : IDisposable
{
    private const string JobId = "3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b";

    // Examples read by the tests of this project. The webhook bodies and signature vectors belong
    // to webhook verification, except for the job data inside current-form events.
    private static readonly string[] ApiExamples =
    [
        "error-bad-request.json", "error-file-too-large.json", "error-idempotency-in-flight.json",
        "error-idempotency-mismatch.json", "error-invalid-api-key.json", "error-not-found.json",
        "error-quota-exceeded.json", "error-rate-limited.json", "error-service-unavailable.json",
        "error-unsupported-route.json", "job-created.json", "job-status-completed.json", "job-status-failed.json",
        "job-status-processing.json", "job-status-queued.json", "keys-free-request.json", "keys-free-response.json",
        "webhook-job-completed.json", "webhook-job-failed.json",
    ];

    private readonly ApiServer _api = new();
    private readonly ClientHarness _harness;

    public ExamplePayloadTests() => _harness = new ClientHarness(_api.Url, options => options.MaxRetryAttempts = 0);

    public void Dispose()
    {
        _harness.Dispose();
        _api.Dispose();
    }

    [Fact]
    public void Examples_EveryNonWebhookFile_IsCovered()
    {
        var files = Examples.All().Where(file => !file.StartsWith("webhook-", StringComparison.Ordinal));

        files.Should().BeSubsetOf(ApiExamples);
        ApiExamples.Should().OnlyContain(file => File.Exists(Path.Combine(AppContext.BaseDirectory, "Examples", file)));
    }

    [Theory]
    [InlineData("job-status-queued.json", "queued")]
    [InlineData("job-status-processing.json", "processing")]
    [InlineData("job-status-completed.json", "completed")]
    [InlineData("job-status-failed.json", "failed")]
    public async Task JobStatusExample_ReadsCommonFields(string file, string status)
    {
        ServeJob(Examples.Read(file));

        var job = await _harness.Client.GetJobAsync(JobId);

        job.JobId.Should().Be(JobId);
        job.Status.Value.Should().Be(status);
        job.CreatedAt.Should().Be(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        job.UpdatedAt.Should().BeOnOrAfter(job.CreatedAt!.Value);
        job.SourceFormat.Should().Be("png");
        job.TargetFormat.Should().Be("webp");
        job.AdditionalProperties.Should().BeNull();
    }

    [Fact]
    public async Task CompletedExample_ReadsResult()
    {
        ServeJob(Examples.Read("job-status-completed.json"));

        var job = await _harness.Client.GetJobAsync(JobId);

        job.Status.IsTerminal.Should().BeTrue();
        job.Error.Should().BeNull();
        job.Result!.FileUrl.Should().Be("https://files.example.com/out/3b9e6c1a.webp?sig=abc");
        job.Result.Size.Should().Be(18342);
        job.Result.DurationMilliseconds.Should().Be(640);
        job.Result.SourceFormat.Should().Be("png");
        job.Result.TargetFormat.Should().Be("webp");
    }

    [Fact]
    public async Task FailedExample_ReadsError()
    {
        ServeJob(Examples.Read("job-status-failed.json"));

        var job = await _harness.Client.GetJobAsync(JobId);

        job.Status.Should().Be(JobStatus.Failed);
        job.Result.Should().BeNull();
        job.Error!.Code.Should().Be(ConversionErrorCode.ConversionFailed);
        job.Error.Message.Should().Be("The input could not be decoded.");
    }

    [Theory]
    [InlineData("webhook-job-completed.json", "completed")]
    [InlineData("webhook-job-failed.json", "failed")]
    public async Task WebhookEventData_ReadsAsJob(string file, string status)
    {
        var data = JsonDocument.Parse(Examples.Read(file)).RootElement.GetProperty("data").GetRawText();
        ServeJob(data);

        var job = await _harness.Client.GetJobAsync(JobId);

        job.JobId.Should().Be(JobId);
        job.Status.Value.Should().Be(status);
        (job.Result is not null || job.Error is not null).Should().BeTrue();
    }

    [Fact]
    public async Task JobCreatedExample_ReadsHandle()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/jobs").UsingPost())
            .RespondWith(Responses.Example(202, "job-created.json"));

        var handle = await _harness.Client.SubmitJobFromUrlAsync(new Uri("https://in.example.com/a.png"), "webp");

        handle.JobId.Should().Be(JobId);
        handle.Status.Should().Be(JobStatus.Queued);
        handle.StatusUrl.Should().Be($"https://api.example.com/v1/jobs/{JobId}");
    }

    [Fact]
    public async Task FreeKeyExamples_MatchRequestAndResponse()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/keys/free").UsingPost())
            .RespondWith(Responses.Example(200, "keys-free-response.json"));
        var expectedRequest = JsonDocument.Parse(Examples.Read("keys-free-request.json")).RootElement;

        var key = await _harness.Client.CreateFreeApiKeyAsync(expectedRequest.GetProperty("email").GetString()!);

        var sent = JsonDocument.Parse(_api.SingleRequest().RequestMessage!.Body!).RootElement;
        sent.GetRawText().Should().Be(expectedRequest.GetRawText().Replace("\n", "").Replace(" ", ""));
        key.ApiKey.Should().Be("ctf_sk_0123456789abcdefEXAMPLE");
        key.MonthlyLimit.Should().Be(1000);
    }

    [Theory]
    [InlineData("error-bad-request.json", 400, "bad_request", null)]
    [InlineData("error-invalid-api-key.json", 401, "invalid_api_key", null)]
    [InlineData("error-not-found.json", 404, "not_found", null)]
    [InlineData("error-idempotency-in-flight.json", 409, "bad_request", 2)]
    [InlineData("error-file-too-large.json", 413, "file_too_large", null)]
    [InlineData("error-unsupported-route.json", 422, "unsupported_route", null)]
    [InlineData("error-idempotency-mismatch.json", 422, "bad_request", null)]
    [InlineData("error-rate-limited.json", 429, "rate_limited", 42)]
    [InlineData("error-quota-exceeded.json", 429, "quota_exceeded", null)]
    [InlineData("error-service-unavailable.json", 502, "service_unavailable", null)]
    public async Task ErrorExample_BecomesApiException(string file, int status, string code, int? retryAfterSeconds)
    {
        var expected = JsonDocument.Parse(Examples.Read(file)).RootElement.GetProperty("error");
        ServeJob(Examples.Read(file), status);

        var thrown = await _harness.Client.Invoking(client => client.GetJobAsync(JobId))
            .Should().ThrowAsync<ConversionApiException>();

        var exception = thrown.Which;
        exception.StatusCode.Should().Be((HttpStatusCode)status);
        exception.ErrorCode.Value.Should().Be(code);
        exception.ErrorMessage.Should().Be(expected.GetProperty("message").GetString());
        exception.Message.Should().Contain($"HTTP {status}").And.Contain(code);
        exception.RetryAfter.Should().Be(retryAfterSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
        if (expected.TryGetProperty("details", out var details))
        {
            exception.Details!.Value.GetRawText().Should().Be(details.GetRawText());
        }
        else
        {
            exception.Details.Should().BeNull();
        }
    }

    private void ServeJob(string json, int status = 200) =>
        _api.Server.Given(Request.Create().WithPath($"/v1/jobs/{JobId}").UsingGet())
            .RespondWith(Responses.Json(status, json));
}
