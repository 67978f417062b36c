using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace ChangeThisFile.Client.Flow.Tests.Unit;

public sealed class TelemetryTests : IDisposable
{
    private const string JobId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    private readonly FlowHarness _harness = new();
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public TelemetryTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ConversionFlowDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _harness.Dispose();
    }

    [Fact]
    public async Task HandleWebhook_Span_CarriesFileJobAndOutcome()
    {
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);

        await _harness.Flow.HandleWebhookEventAsync(
            FlowHarness.Completed(JobId, seeded.FileId, _harness.ServeResult(JobId, "[]")));

        var span = SpanOf(seeded.FileId);
        span.OperationName.Should().Be("ChangeThisFile.Flow.HandleWebhook");
        span.GetTagItem(ConversionFlowDiagnostics.JobIdTagName).Should().Be(JobId);
        span.GetTagItem(ConversionFlowDiagnostics.OutcomeTagName).Should().Be("applied");
        span.Status.Should().Be(ActivityStatusCode.Ok);
    }

    [Fact]
    public async Task Operations_Counter_TagsOperationAndOutcome()
    {
        var meterFactory = _harness.Services.GetRequiredService<IMeterFactory>();
        using var operations = new MetricCollector<long>(
            meterFactory, ConversionFlowDiagnostics.MeterName, ConversionFlowDiagnostics.OperationsInstrumentName);

        await _harness.Flow.GetStatusAsync("not-a-file-id");
        await _harness.Flow.SubmitAsync(ConversionFileId.New());

        var measurements = operations.GetMeasurementSnapshot();
        measurements.Should().Contain(m => Tag(m.Tags, ConversionFlowDiagnostics.OperationTagName) == "GetStatus"
            && Tag(m.Tags, ConversionFlowDiagnostics.OutcomeTagName) == "not_found");
        measurements.Should().Contain(m => Tag(m.Tags, ConversionFlowDiagnostics.OperationTagName) == "Submit"
            && Tag(m.Tags, ConversionFlowDiagnostics.OutcomeTagName) == "not_found");
        measurements.Should().OnlyContain(m => !m.Tags.ContainsKey(ConversionFlowDiagnostics.FileIdTagName));
    }

    [Fact]
    public async Task FailedStep_SpanAndCounter_RecordError()
    {
        var meterFactory = _harness.Services.GetRequiredService<IMeterFactory>();
        using var operations = new MetricCollector<long>(
            meterFactory, ConversionFlowDiagnostics.MeterName, ConversionFlowDiagnostics.OperationsInstrumentName);
        var seeded = await _harness.SeedAsync(RecordStatus.Processing, JobId);
        _harness.Storage.FailNextWrites(1);

        var handle = () => _harness.Flow.HandleWebhookEventAsync(
            FlowHarness.Completed(JobId, seeded.FileId, _harness.ServeResult(JobId, "[]")));
        await handle.Should().ThrowAsync<IOException>();

        var span = SpanOf(seeded.FileId);
        span.Status.Should().Be(ActivityStatusCode.Error);
        span.GetTagItem("error.type").Should().Be(typeof(IOException).FullName);
        operations.GetMeasurementSnapshot().Should()
            .ContainSingle(m => Tag(m.Tags, ConversionFlowDiagnostics.OutcomeTagName) == "error");
    }

    [Fact]
    public async Task Logs_FullFlow_CarryIdsButNoSecrets()
    {
        _harness.ServeSubmit(202, $$"""{"job_id":"{{JobId}}","status":"queued"}""");
        var seeded = await _harness.SeedAsync(RecordStatus.AwaitingUpload);
        await _harness.Flow.SubmitAsync(seeded.FileId);
        await _harness.Flow.HandleWebhookEventAsync(
            FlowHarness.Completed(JobId, seeded.FileId, _harness.ServeResult(JobId, "[]")));
        await _harness.Flow.GetStatusAsync(seeded.FileId);

        var logs = _harness.Logs.GetSnapshot().Select(record => record.Message).ToList();

        logs.Should().Contain(message => message.Contains($"Submitted file {seeded.FileId} as job {JobId}"));
        logs.Should().Contain(message =>
            message.Contains($"Stored the result of job {JobId} for file {seeded.FileId}"));
        logs.Should().NotContain(message => message.Contains("token="));
        logs.Should().NotContain(message => message.Contains("RESULTSIGNATURE"));
        logs.Should().NotContain(message => message.Contains(FlowHarness.ApiKey));
    }

    private Activity SpanOf(string fileId) =>
        _spans.Single(activity => activity.GetTagItem(ConversionFlowDiagnostics.FileIdTagName) as string == fileId);

    private static string? Tag(IReadOnlyDictionary<string, object?> tags, string name) =>
        tags.TryGetValue(name, out var value) ? value as string : null;
}
