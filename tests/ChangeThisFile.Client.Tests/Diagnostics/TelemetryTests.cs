using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChangeThisFile.Client.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChangeThisFile.Client.Tests.Diagnostics;

/// <summary>Logs, spans and metrics of the client, and the secrets that must never appear in them.</summary>
public sealed class TelemetryTests : IDisposable
{
    private const string JobId = "3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b";
    private const string SignatureValue = "SIGNATURE0123456789";
    private readonly ApiServer _api = new();
    private readonly ApiServer _storage = new();
    private readonly ClientHarness _harness;

    public TelemetryTests()
    {
        _harness = new ClientHarness(_api.Url, options => options.TrustedDownloadHosts.Add(_storage.Url.Authority));
        _api.ServeSequence(
            Request.Create().WithPath($"/v1/jobs/{JobId}").UsingGet(),
            Responses.Json(503, "{}"), Responses.Example(200, "job-status-completed.json"));
        _api.Server.Given(Request.Create().WithPath("/v1/jobs").UsingPost())
            .RespondWith(Responses.Example(202, "job-created.json"));
        _api.Server.Given(Request.Create().WithPath("/v1/usage").UsingGet()).RespondWith(Responses.Json(401,
            $$$"""{"error":{"code":"invalid_api_key","message":"Key {{{ClientHarness.ApiKey}}} was revoked."}}"""));
        _storage.Server.Given(Request.Create().UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(new byte[1234]));
    }

    public void Dispose()
    {
        _harness.Dispose();
        _api.Dispose();
        _storage.Dispose();
    }

    [Fact]
    public async Task Requests_AreLoggedAtDebug()
    {
        await _harness.Client.GetJobAsync(JobId);

        var records = _harness.Logs.GetSnapshot();
        records.Should().Contain(record => record.Level == LogLevel.Debug && record.Id.Id == 1
            && record.Message == $"GetJob: sending GET {_api.Url}v1/jobs/{JobId}");
        records.Should().Contain(record => record.Level == LogLevel.Debug && record.Id.Id == 2
            && record.Message.StartsWith("Received HTTP 200"));
    }

    [Fact]
    public async Task Retry_LogsWarningWithReason()
    {
        await _harness.Client.GetJobAsync(JobId);

        var retry = _harness.Logs.GetSnapshot()
            .Should().ContainSingle(record => record.Level == LogLevel.Warning).Subject;
        retry.Id.Id.Should().Be(10);
        retry.Message.Should().Contain("http_503").And.Contain("retry 1 of 3").And.Contain("00:00:00");
        retry.StructuredState.Should().Contain(pair => pair.Key == "Reason" && pair.Value == "http_503");
    }

    [Fact]
    public async Task Failure_IsLoggedAtErrorWithException()
    {
        await _harness.Client.Invoking(client => client.GetUsageAsync()).Should().ThrowAsync<ConversionApiException>();

        var error = _harness.Logs.GetSnapshot()
            .Should().ContainSingle(record => record.Level == LogLevel.Error).Subject;
        error.Id.Id.Should().Be(20);
        error.Message.Should().Contain("GetUsage failed");
        error.Exception.Should().BeOfType<ConversionApiException>();
    }

    [Fact]
    public async Task Failure_WithoutJobId_LogsNone()
    {
        await _harness.Client.Invoking(client => client.GetUsageAsync()).Should().ThrowAsync<ConversionApiException>();

        var error = _harness.Logs.GetSnapshot()
            .Should().ContainSingle(record => record.Level == LogLevel.Error).Subject;
        error.Message.Should().Be("GetUsage failed (job none)");
    }

    [Fact]
    public async Task RejectedInput_IsLoggedAtWarningWithoutException()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/convert").UsingPost()).RespondWith(Responses.Json(422,
            """{"error":{"code":"unsupported_route","message":"Converting xyz to webp is not supported."}}"""));

        await _harness.Client.Invoking(client => client.ConvertAsync(new MemoryStream(new byte[10]), "a.xyz", "webp"))
            .Should().ThrowAsync<ConversionApiException>();

        var snapshot = _harness.Logs.GetSnapshot();
        snapshot.Should().NotContain(record => record.Level == LogLevel.Error);
        var rejected = snapshot.Should().ContainSingle(record => record.Id.Id == 29).Subject;
        rejected.Level.Should().Be(LogLevel.Warning);
        rejected.Message.Should().Contain("Convert was rejected").And.Contain("422").And.Contain("unsupported_route");
        rejected.Exception.Should().BeNull();
    }

    [Fact]
    public async Task Operations_StartSpansWithJobIdAndOutcome()
    {
        var spans = new List<Activity>();
        using var listener = Listen(spans);
        using var parent = new Activity("test").Start();

        await _harness.Client.GetJobAsync(JobId);
        await _harness.Client.SubmitJobAsync(new MemoryStream(new byte[10]), "a.png", "webp");
        await _harness.Client.Invoking(client => client.GetUsageAsync()).Should().ThrowAsync<ConversionApiException>();

        var mine = spans.Where(span => span.TraceId == parent.TraceId).ToList();
        mine.Select(span => span.OperationName).Should()
            .Equal("ChangeThisFile.GetJob", "ChangeThisFile.SubmitJob", "ChangeThisFile.GetUsage");
        mine[0].GetTagItem(ConversionClientDiagnostics.JobIdTagName).Should().Be(JobId);
        mine[0].GetTagItem(ConversionClientDiagnostics.JobStatusTagName).Should().Be("completed");
        mine[0].GetTagItem(ConversionClientDiagnostics.OutcomeTagName).Should().Be("success");
        mine[1].GetTagItem(ConversionClientDiagnostics.JobIdTagName).Should().Be(JobId);
        mine[2].Status.Should().Be(ActivityStatusCode.Error);
        mine[2].GetTagItem(ConversionClientDiagnostics.OutcomeTagName).Should().Be("error");
        mine[2].GetTagItem("error.type").Should().Be("401");
        mine.Should().OnlyContain(span => span.Kind == ActivityKind.Client);
    }

    [Fact]
    public async Task Metrics_CountRequestsRetriesAndBytes()
    {
        var meterFactory = _harness.Services.GetRequiredService<IMeterFactory>();
        using var requests = Collect<long>(meterFactory, ConversionClientDiagnostics.RequestsInstrumentName);
        using var durations = Collect<double>(meterFactory, ConversionClientDiagnostics.RequestDurationInstrumentName);
        using var retries = Collect<long>(meterFactory, ConversionClientDiagnostics.RetriesInstrumentName);
        using var sent = Collect<long>(meterFactory, ConversionClientDiagnostics.BytesSentInstrumentName);
        using var received = Collect<long>(meterFactory, ConversionClientDiagnostics.BytesReceivedInstrumentName);

        var job = await _harness.Client.GetJobAsync(JobId);
        await _harness.Client.SubmitJobAsync(new MemoryStream(new byte[4321]), "a.png", "webp");
        await _harness.Client.DownloadAsync(StorageUrl(), Stream.Null);

        requests.GetMeasurementSnapshot().Should().HaveCount(3);
        requests.GetMeasurementSnapshot()[0].Tags
            .Should().Contain(ConversionClientDiagnostics.OperationTagName, "GetJob")
            .And.Contain("http.request.method", "GET").And.Contain("http.response.status_code", 200);
        durations.GetMeasurementSnapshot().Should().HaveCount(3).And.OnlyContain(measurement => measurement.Value >= 0);
        retries.GetMeasurementSnapshot().Should().ContainSingle()
            .Which.Tags.Should().Contain(ConversionClientDiagnostics.RetryReasonTagName, "http_503");
        sent.GetMeasurementSnapshot().Sum(measurement => measurement.Value).Should().Be(4321);
        received.GetMeasurementSnapshot().Sum(measurement => measurement.Value).Should().Be(1234);
        job.Status.Should().Be(JobStatus.Completed);
    }

    [Fact]
    public async Task WaitDuration_IsRecordedWithOutcome()
    {
        var meterFactory = _harness.Services.GetRequiredService<IMeterFactory>();
        using var waits = Collect<double>(meterFactory, ConversionClientDiagnostics.WaitDurationInstrumentName);

        await _harness.Client.WaitForCompletionAsync(JobId);

        var wait = waits.GetMeasurementSnapshot().Should().ContainSingle().Subject;
        wait.Tags.Should().Contain(ConversionClientDiagnostics.OutcomeTagName, "success")
            .And.Contain(ConversionClientDiagnostics.JobStatusTagName, "completed");
    }

    [Fact]
    public async Task Secrets_NeverReachLogsSpansOrMetrics()
    {
        var spans = new List<Activity>();
        using var listener = Listen(spans);
        using var parent = new Activity("test").Start();
        var tags = new List<string>();
        using var meters = ListenToMeters(tags);

        await _harness.Client.GetJobAsync(JobId);
        await _harness.Client.DownloadAsync(StorageUrl(), Stream.Null);
        await _harness.Client.Invoking(client => client.GetUsageAsync()).Should().ThrowAsync<ConversionApiException>();
        await _harness.Client
            .Invoking(client => client.DownloadAsync(new Uri($"https://10.0.0.1/x?sig={SignatureValue}"), Stream.Null))
            .Should().ThrowAsync<DownloadUrlRejectedException>();

        var texts = _harness.Logs.GetSnapshot()
            .SelectMany(record => new[] { record.Message, record.Exception?.ToString() }
                .Concat(record.StructuredState?.Select(pair => pair.Value) ?? []))
            .Concat(spans.Where(span => span.TraceId == parent.TraceId)
                .SelectMany(span => span.TagObjects
                    .Select(tag => tag.Value?.ToString()).Append(span.StatusDescription)))
            .Concat(tags)
            .Where(text => text is not null)
            .ToList();
        texts.Should().NotBeEmpty();
        texts.Should().NotContain(text => text!.Contains(ClientHarness.ApiKey));
        texts.Should().NotContain(text => text!.Contains(SignatureValue));
        texts.Should().NotContain(text => text!.Contains("sig=abc"));
    }

    private Uri StorageUrl() => new(_storage.Url, $"out/a.webp?sig={SignatureValue}");

    private static MetricCollector<T> Collect<T>(IMeterFactory meterFactory, string instrument)
        where T : struct =>
        new(meterFactory, ConversionClientDiagnostics.MeterName, instrument);

    private static ActivityListener Listen(List<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ConversionClientDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (spans)
                {
                    spans.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static MeterListener ListenToMeters(List<string> tags)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == ConversionClientDiagnostics.MeterName)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record<T>(
            Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> measurementTags, object? state)
        {
            lock (tags)
            {
                foreach (var tag in measurementTags)
                {
                    tags.Add($"{tag.Key}={tag.Value}");
                }
            }
        }

        listener.SetMeasurementEventCallback<long>(Record);
        listener.SetMeasurementEventCallback<double>(Record);
        listener.Start();
        return listener;
    }
}
