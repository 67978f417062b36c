using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChangeThisFile.Client.Flow;

/// <summary>
/// The flow's activity source and instruments, created from <see cref="IMeterFactory"/> when there is one.
/// </summary>
internal sealed class FlowTelemetry : IDisposable
{
    private static readonly ActivitySource Source = new(
        ConversionFlowDiagnostics.ActivitySourceName, typeof(FlowTelemetry).Assembly.GetName().Version?.ToString());

    private readonly Meter? _ownedMeter;
    private readonly Counter<long> _operations;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _resultBytes;
    private readonly Counter<long> _conflicts;

    public FlowTelemetry(IMeterFactory? meterFactory)
    {
        var version = typeof(FlowTelemetry).Assembly.GetName().Version?.ToString();
        var meter = meterFactory?.Create(new MeterOptions(ConversionFlowDiagnostics.MeterName) { Version = version });
        if (meter is null)
        {
            _ownedMeter = new Meter(ConversionFlowDiagnostics.MeterName, version);
            meter = _ownedMeter;
        }

        _operations = meter.CreateCounter<long>(
            ConversionFlowDiagnostics.OperationsInstrumentName, "{operation}", "Steps of the conversion flow run.");
        _duration = meter.CreateHistogram<double>(
            ConversionFlowDiagnostics.OperationDurationInstrumentName,
            "s",
            "Duration of steps of the conversion flow.");
        _resultBytes = meter.CreateCounter<long>(
            ConversionFlowDiagnostics.ResultBytesInstrumentName, "By", "Result bytes copied into storage.");
        _conflicts = meter.CreateCounter<long>(
            ConversionFlowDiagnostics.ConflictsInstrumentName,
            "{conflict}",
            "Record updates applied again after a race.");
    }

    public static Activity? StartActivity(string operation, string? fileId = null)
    {
        var activity = Source.StartActivity("ChangeThisFile.Flow." + operation, ActivityKind.Internal);
        activity?.SetTag(ConversionFlowDiagnostics.OperationTagName, operation);
        SetFileId(activity, fileId);
        return activity;
    }

    public static void SetFileId(Activity? activity, string? fileId)
    {
        if (fileId is not null)
        {
            activity?.SetTag(ConversionFlowDiagnostics.FileIdTagName, fileId);
        }
    }

    public static void SetJobId(Activity? activity, string? jobId)
    {
        if (jobId is not null)
        {
            activity?.SetTag(ConversionFlowDiagnostics.JobIdTagName, jobId);
        }
    }

    /// <summary>Records a step that returned, with its outcome tag.</summary>
    public void Complete(Activity? activity, string operation, string outcome, TimeSpan elapsed)
    {
        activity?.SetTag(ConversionFlowDiagnostics.OutcomeTagName, outcome);
        activity?.SetStatus(ActivityStatusCode.Ok);
        Record(operation, outcome, elapsed);
    }

    /// <summary>Records a step that threw. Exception messages of the flow and its seams carry no secrets.</summary>
    public void Fail(Activity? activity, string operation, Exception exception, TimeSpan elapsed)
    {
        var outcome = exception is OperationCanceledException ? "canceled" : "error";
        activity?.SetTag(ConversionFlowDiagnostics.OutcomeTagName, outcome);
        activity?.SetTag("error.type", exception.GetType().FullName);
        activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        Record(operation, outcome, elapsed);
    }

    public void AddResultBytes(long bytes) => _resultBytes.Add(bytes);

    public void AddConflict(string operation) =>
        _conflicts.Add(1, new KeyValuePair<string, object?>(ConversionFlowDiagnostics.OperationTagName, operation));

    public void Dispose() => _ownedMeter?.Dispose();

    private void Record(string operation, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { ConversionFlowDiagnostics.OperationTagName, operation },
            { ConversionFlowDiagnostics.OutcomeTagName, outcome },
        };
        _operations.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}
