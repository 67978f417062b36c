using System.Globalization;
using ChangeThisFile.Client.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChangeThisFile.Client.Tests.Jobs;

/// <summary>Polling a job until it finishes: deadline, pacing, progress, resumption and failures.</summary>
public sealed class WaitForCompletionTests : IDisposable
{
    private const string JobId = "job-1";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);
    private readonly ApiServer _api = new();
    private readonly FakeTimeProvider _time = new(ClientHarness.Epoch);
    private readonly ClientHarness _harness;

    public WaitForCompletionTests() => _harness = new ClientHarness(_api.Url, time: _time);

    public void Dispose()
    {
        _harness.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task TerminalOnFirstPoll_ReturnsWithoutWaiting()
    {
        Serve(Status("completed"));

        var job = await _harness.Client.WaitForCompletionAsync(JobId);

        job.Status.Should().Be(JobStatus.Completed);
        _time.GetUtcNow().Should().Be(ClientHarness.Epoch);
        _api.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task FailedJob_IsReturnedWithError()
    {
        Serve(Status("processing"), Responses.Example(200, "job-status-failed.json"));

        var job = await _time.RunAsync(_harness.Client.WaitForCompletionAsync(JobId), Step);

        job.Status.Should().Be(JobStatus.Failed);
        job.Error!.Code.Should().Be(ConversionErrorCode.ConversionFailed);
    }

    [Fact]
    public async Task Progress_ReceivesEveryPoll()
    {
        Serve(Status("queued"), Status("processing"), Status("processing"), Status("completed"));
        var progress = new RecordingProgress<ConversionJob>();

        var options = new JobWaitOptions { Progress = progress };

        await _time.RunAsync(_harness.Client.WaitForCompletionAsync(JobId, options), Step);

        progress.Values.Select(job => job.Status.Value).Should()
            .Equal("queued", "processing", "processing", "completed");
    }

    [Fact]
    public async Task PollDelays_GrowExponentiallyWithJitter()
    {
        Serve(Status("queued"), Status("queued"), Status("queued"), Status("queued"), Status("completed"));
        var options = new JobWaitOptions
        {
            InitialPollInterval = TimeSpan.FromSeconds(2),
            MaxPollInterval = TimeSpan.FromSeconds(6),
        };

        await _time.RunAsync(_harness.Client.WaitForCompletionAsync(JobId, options), Step);

        var delays = PollDelays();
        delays.Should().HaveCount(4);
        delays[0].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(1))
            .And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(2));
        delays[1].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2))
            .And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(4));
        delays[2].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3))
            .And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(6));
        delays[3].Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(3))
            .And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task RetryAfterOnStatus_SetsNextPoll()
    {
        Serve(Status("processing").WithHeader("Retry-After", "45"), Status("completed"));

        await _time.RunAsync(_harness.Client.WaitForCompletionAsync(JobId), Step);

        PollDelays().Should().Equal(TimeSpan.FromSeconds(45));
        (_time.GetUtcNow() - ClientHarness.Epoch).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(45));
    }

    [Fact]
    public async Task Deadline_ThrowsWaitTimeoutWithJobId()
    {
        Serve(Status("processing"));
        var options = new JobWaitOptions { Timeout = TimeSpan.FromSeconds(20) };

        var wait = _harness.Client.WaitForCompletionAsync(JobId, options);
        var thrown = await _time.Invoking(time => time.RunAsync(wait, Step))
            .Should().ThrowAsync<ConversionTimeoutException>();

        thrown.Which.Kind.Should().Be(ConversionTimeoutKind.Wait);
        thrown.Which.JobId.Should().Be(JobId);
        thrown.Which.Timeout.Should().Be(TimeSpan.FromSeconds(20));
        thrown.Which.Message.Should().Contain(JobId).And.Contain("resume");
    }

    [Fact]
    public async Task TransientPollFailure_KeepsWaiting()
    {
        using var harness = new ClientHarness(_api.Url, options => options.MaxRetryAttempts = 0, _time);
        Serve(Status("processing"), Responses.Json(503, "{}"), Responses.Json(429, "{}")
            .WithHeader("Retry-After", "3"), Status("completed"));

        var job = await _time.RunAsync(harness.Client.WaitForCompletionAsync(JobId), Step);

        job.Status.Should().Be(JobStatus.Completed);
        harness.Logs.GetSnapshot().Count(record => record.Id.Id == 25 && record.Level == LogLevel.Warning)
            .Should().Be(2);
    }

    [Fact]
    public async Task NotFound_EndsWaitWithApiException()
    {
        Serve(Status("processing"), Responses.Example(404, "error-not-found.json"));

        var wait = _harness.Client.WaitForCompletionAsync(JobId);
        var thrown = await _time.Invoking(time => time.RunAsync(wait, Step))
            .Should().ThrowAsync<ConversionApiException>();

        thrown.Which.ErrorCode.Should().Be(ConversionErrorCode.NotFound);
    }

    [Fact]
    public async Task SecondClient_ResumesFromJobIdAlone()
    {
        Serve(Status("processing"), Status("processing"), Status("completed"));
        using var cancellation = new CancellationTokenSource();
        var first = _harness.Client.WaitForCompletionAsync(JobId, cancellationToken: cancellation.Token);
        await WaitForRequestsAsync(1);
        await cancellation.CancelAsync();
        await first.Invoking(task => task).Should().ThrowAsync<OperationCanceledException>();
        using var restarted = new ClientHarness(_api.Url, time: _time);

        var job = await _time.RunAsync(restarted.Client.WaitForCompletionAsync(JobId), Step);

        job.Status.Should().Be(JobStatus.Completed);
    }

    [Fact]
    public async Task Cancellation_SurfacesCallerToken()
    {
        Serve(Status("processing"));
        using var cancellation = new CancellationTokenSource();
        var wait = _harness.Client.WaitForCompletionAsync(JobId, cancellationToken: cancellation.Token);
        await WaitForRequestsAsync(1);

        await cancellation.CancelAsync();
        var thrown = await wait.Invoking(task => task).Should().ThrowAsync<OperationCanceledException>();

        thrown.Which.CancellationToken.Should().Be(cancellation.Token);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public async Task NonPositiveTimeout_IsRejected(int seconds)
    {
        var options = new JobWaitOptions { Timeout = TimeSpan.FromSeconds(seconds) };

        var wait = () => _harness.Client.WaitForCompletionAsync(JobId, options);

        await wait.Should().ThrowAsync<ArgumentOutOfRangeException>().WithMessage("*must be positive*");
    }

    [Fact]
    public async Task TimeoutOverTimerLimit_IsRejected()
    {
        var options = new JobWaitOptions { Timeout = TimeSpan.FromDays(30) };

        var wait = () => _harness.Client.WaitForCompletionAsync(JobId, options);

        await wait.Should().ThrowAsync<ArgumentOutOfRangeException>()
            .WithMessage("*JobWaitOptions.Timeout 30.00:00:00 must be positive and at most 24.00:00:00*");
        _api.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("2.00:00:00", "00:00:30", "*JobWaitOptions.InitialPollInterval 2.00:00:00*at most 01:00:00*")]
    [InlineData("-00:00:01", "00:00:30", "*JobWaitOptions.InitialPollInterval -00:00:01 must be zero or positive*")]
    [InlineData("00:00:01", "3.00:00:00", "*JobWaitOptions.MaxPollInterval 3.00:00:00*at most 01:00:00*")]
    [InlineData("00:00:10", "00:00:05", "*JobWaitOptions.MaxPollInterval 00:00:05 must be at least*")]
    public async Task PollIntervalOutOfRange_IsRejected(string initial, string max, string expected)
    {
        var options = new JobWaitOptions
        {
            InitialPollInterval = TimeSpan.Parse(initial, CultureInfo.InvariantCulture),
            MaxPollInterval = TimeSpan.Parse(max, CultureInfo.InvariantCulture),
        };

        var wait = () => _harness.Client.WaitForCompletionAsync(JobId, options);

        await wait.Should().ThrowAsync<ArgumentOutOfRangeException>().WithMessage(expected);
        _api.Requests.Should().BeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("..")]
    [InlineData("a\nb")]
    public async Task InvalidJobId_IsRejected(string jobId)
    {
        var wait = () => _harness.Client.WaitForCompletionAsync(jobId);

        await wait.Should().ThrowAsync<ArgumentException>().WithMessage("*job id*");
        _api.Requests.Should().BeEmpty();
    }

    private void Serve(params IResponseBuilder[] responses) =>
        _api.ServeSequence(Request.Create().WithPath($"/v1/jobs/{JobId}").UsingGet(), responses);

    private static IResponseBuilder Status(string status) => Responses.Json(200, Responses.JobJson(JobId, status));

    private List<TimeSpan> PollDelays() =>
        _harness.Logs.GetSnapshot()
            .Where(record => record.Id.Id == 23)
            .Select(record => TimeSpan.Parse(
                record.StructuredState!.Single(pair => pair.Key == "Delay").Value!, CultureInfo.InvariantCulture))
            .ToList();

    private async Task WaitForRequestsAsync(int count)
    {
        for (var i = 0; i < 1000 && _api.Requests.Count < count; i++)
        {
            await Task.Delay(5);
        }

        _api.Requests.Should().HaveCountGreaterThanOrEqualTo(count);
    }
}
