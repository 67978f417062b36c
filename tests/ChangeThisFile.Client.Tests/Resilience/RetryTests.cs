using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ChangeThisFile.Client.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChangeThisFile.Client.Tests.Resilience;

/// <summary>Which failures the built-in policy retries, how long it waits, and what it never retries.</summary>
public sealed class RetryTests : IDisposable
{
    private const string JobId = "job-1";
    private static readonly string JobBody = Responses.JobJson(JobId, "processing");
    private readonly ApiServer _api = new();

    public void Dispose() => _api.Dispose();

    [Theory]
    [InlineData(408)]
    [InlineData(409)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task TransientStatus_IsRetried(int status)
    {
        using var harness = new ClientHarness(_api.Url);
        ServeJob(Responses.Json(status, "{}"), Responses.Json(200, JobBody));

        var job = await harness.Client.GetJobAsync(JobId);

        job.JobId.Should().Be(JobId);
        _api.Requests.Should().HaveCount(2);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(413)]
    [InlineData(422)]
    public async Task PermanentStatus_IsNotRetried(int status)
    {
        using var harness = new ClientHarness(_api.Url);
        ServeJob(Responses.Json(status, "{}"), Responses.Json(200, JobBody));

        await harness.Client.Invoking(client => client.GetJobAsync(JobId))
            .Should().ThrowAsync<ConversionApiException>();

        _api.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task ExhaustedRetries_ThrowLastError()
    {
        using var harness = new ClientHarness(_api.Url, options => options.MaxRetryAttempts = 2);
        ServeJob(Responses.Json(503, """{"error":{"code":"service_unavailable","message":"Down."}}"""));

        var thrown = await harness.Client.Invoking(client => client.GetJobAsync(JobId))
            .Should().ThrowAsync<ConversionApiException>();

        thrown.Which.ErrorCode.Should().Be(ConversionErrorCode.ServiceUnavailable);
        _api.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task MaxRetryAttemptsZero_TurnsRetryOff()
    {
        using var harness = new ClientHarness(_api.Url, options => options.MaxRetryAttempts = 0);
        ServeJob(Responses.Json(503, "{}"), Responses.Json(200, JobBody));

        await harness.Client.Invoking(client => client.GetJobAsync(JobId))
            .Should().ThrowAsync<ConversionApiException>();

        _api.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task SubmitRetries_ReuseIdempotencyKeyAndBody()
    {
        using var harness = new ClientHarness(_api.Url);
        _api.ServeSequence(
            Request.Create().WithPath("/v1/jobs").UsingPost(),
            Responses.Json(503, "{}"), Responses.Json(502, "{}"), Responses.Example(202, "job-created.json"));
        var request = new JobUploadRequest(UploadContent.FromBytes("BYTES"u8.ToArray(), "a.png"), "webp");

        var handle = await harness.Client.SubmitJobAsync(request);

        var requests = _api.Requests;
        requests.Should().HaveCount(3);
        requests.Select(entry => entry.Header("Idempotency-Key")).Distinct().Should().ContainSingle()
            .Which.Should().Be(handle.IdempotencyKey);
        var bodies = new List<string>();
        foreach (var entry in requests)
        {
            bodies.Add((await entry.PartsAsync()).Single(part => part.Name == "file").Text);
        }

        bodies.Should().AllBe("BYTES");
    }

    [Fact]
    public async Task RetryAfterSeconds_IsWaitedExactly()
    {
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(_api.Url, time: time);
        ServeJob(Responses.Json(429, "{}").WithHeader("Retry-After", "5"), Responses.Json(200, JobBody));

        await time.RunAsync(harness.Client.GetJobAsync(JobId), TimeSpan.FromMilliseconds(250));

        RetryDelays(harness).Should().Equal(TimeSpan.FromSeconds(5));
        (time.GetUtcNow() - ClientHarness.Epoch).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RetryAfterHttpDate_IsWaited()
    {
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(_api.Url, time: time);
        var date = ClientHarness.Epoch.AddSeconds(8).ToString("R");
        ServeJob(Responses.Json(503, "{}").WithHeader("Retry-After", date), Responses.Json(200, JobBody));

        // The clock does not move until the delay is computed, because an HTTP date is relative to it.
        var call = harness.Client.GetJobAsync(JobId);
        await WaitUntilAsync(() => RetryDelays(harness).Count == 1);
        await time.RunAsync(call, TimeSpan.FromMilliseconds(250));

        RetryDelays(harness).Should().Equal(TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task RetryAfterOverCap_IsNotRetried()
    {
        using var harness = new ClientHarness(_api.Url, options => options.MaxRetryAfter = TimeSpan.FromSeconds(60));
        var quota = Responses.Json(429, """{"error":{"code":"quota_exceeded","message":"Used up."}}""");
        ServeJob(quota.WithHeader("Retry-After", "3600"));

        var thrown = await harness.Client.Invoking(client => client.GetJobAsync(JobId))
            .Should().ThrowAsync<ConversionApiException>();

        thrown.Which.RetryAfter.Should().Be(TimeSpan.FromHours(1));
        _api.Requests.Should().HaveCount(1);
        harness.Logs.GetSnapshot().Should().Contain(record => record.Id.Id == 11
            && record.Message.Contains("exceeds MaxRetryAfter"));
    }

    [Fact]
    public async Task Backoff_GrowsWithJitterUpToCap()
    {
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(_api.Url, options =>
        {
            options.RetryBaseDelay = TimeSpan.FromSeconds(1);
            options.MaxRetryDelay = TimeSpan.FromSeconds(3);
            options.MaxRetryAttempts = 3;
        }, time);
        var failure = Responses.Json(500, "{}");
        ServeJob(failure, failure, failure, Responses.Json(200, JobBody));

        await time.RunAsync(harness.Client.GetJobAsync(JobId), TimeSpan.FromMilliseconds(100));

        var delays = RetryDelays(harness);
        delays.Should().HaveCount(3);
        delays[0].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(0.5))
            .And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(1));
        delays[1].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1))
            .And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
        delays[2].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1.5))
            .And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task NonIdempotentPost_ServerError_IsNotRetried()
    {
        using var harness = new ClientHarness(_api.Url);
        _api.ServeSequence(
            Request.Create().WithPath("/v1/keys/rotate").UsingPost(),
            Responses.Json(503, "{}"), Responses.Json(200, """{"api_key":"ctf_sk_new"}"""));

        await harness.Client.Invoking(client => client.RotateApiKeyAsync())
            .Should().ThrowAsync<ConversionApiException>();

        _api.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task NonIdempotentPost_RateLimited_IsRetried()
    {
        using var harness = new ClientHarness(_api.Url);
        _api.ServeSequence(
            Request.Create().WithPath("/v1/keys/rotate").UsingPost(),
            Responses.Json(429, "{}"), Responses.Json(200, """{"api_key":"ctf_sk_new"}"""));

        var rotation = await harness.Client.RotateApiKeyAsync();

        rotation.ApiKey.Should().Be("ctf_sk_new");
        _api.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task ConnectionRefused_IsRetriedThenThrown()
    {
        using var harness = new ClientHarness(ClosedPortAddress(), options => options.MaxRetryAttempts = 2);

        var thrown = await harness.Client.Invoking(client => client.RotateApiKeyAsync())
            .Should().ThrowAsync<HttpRequestException>();

        thrown.Which.HttpRequestError.Should().Be(HttpRequestError.ConnectionError);
        harness.Hosts.Should().HaveCount(3);
    }

    [Fact]
    public async Task CallerCancellation_DuringRetryWait_StopsAtOnce()
    {
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(_api.Url, time: time);
        ServeJob(Responses.Json(429, "{}").WithHeader("Retry-After", "30"), Responses.Json(200, JobBody));
        using var cancellation = new CancellationTokenSource();
        var call = harness.Client.GetJobAsync(JobId, cancellation.Token);
        await WaitUntilAsync(() => RetryDelays(harness).Count == 1);

        await cancellation.CancelAsync();
        var thrown = await call.Invoking(task => task).Should().ThrowAsync<OperationCanceledException>();

        thrown.Which.CancellationToken.Should().Be(cancellation.Token);
        thrown.Which.Should().NotBeOfType<ConversionTimeoutException>();
        _api.Requests.Should().HaveCount(1);
        time.GetUtcNow().Should().Be(ClientHarness.Epoch);
    }

    private void ServeJob(params IResponseBuilder[] responses) =>
        _api.ServeSequence(Request.Create().WithPath($"/v1/jobs/{JobId}").UsingGet(), responses);

    private static List<TimeSpan> RetryDelays(ClientHarness harness) =>
        harness.Logs.GetSnapshot()
            .Where(record => record.Level == LogLevel.Warning && record.Id.Id == 10)
            .Select(record => TimeSpan.Parse(
                record.StructuredState!.Single(pair => pair.Key == "Delay").Value!, CultureInfo.InvariantCulture))
            .ToList();

    private static Uri ClosedPortAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1000 && !condition(); i++)
        {
            await Task.Delay(5);
        }

        condition().Should().BeTrue("the awaited condition should hold before the hang guard");
    }
}
