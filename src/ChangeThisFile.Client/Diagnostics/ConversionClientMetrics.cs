using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ChangeThisFile.Client.Diagnostics;

/// <summary>The client's instruments, created from <see cref="IMeterFactory"/> when the container has one.</summary>
internal sealed class ConversionClientMetrics : IDisposable
{
    private readonly Meter? _ownedMeter;

    public ConversionClientMetrics(IMeterFactory? meterFactory)
    {
        var version = typeof(ConversionClientMetrics).Assembly.GetName().Version?.ToString();
        var meter = meterFactory?.Create(new MeterOptions(ConversionClientDiagnostics.MeterName) { Version = version });
        if (meter is null)
        {
            _ownedMeter = new Meter(ConversionClientDiagnostics.MeterName, version);
            meter = _ownedMeter;
        }

        Requests = meter.CreateCounter<long>(
            ConversionClientDiagnostics.RequestsInstrumentName, "{request}", "HTTP requests sent by the client.");
        RequestDuration = meter.CreateHistogram<double>(
            ConversionClientDiagnostics.RequestDurationInstrumentName,
            "s",
            "Duration of HTTP requests, retries included.");
        Retries = meter.CreateCounter<long>(
            ConversionClientDiagnostics.RetriesInstrumentName,
            "{retry}",
            "Attempts retried after a transient failure.");
        BytesSent = meter.CreateCounter<long>(
            ConversionClientDiagnostics.BytesSentInstrumentName, "By", "File bytes uploaded.");
        BytesReceived = meter.CreateCounter<long>(
            ConversionClientDiagnostics.BytesReceivedInstrumentName, "By", "File bytes downloaded.");
        WaitDuration = meter.CreateHistogram<double>(
            ConversionClientDiagnostics.WaitDurationInstrumentName, "s", "Time spent waiting for jobs to finish.");
    }

    public Counter<long> Requests { get; }

    public Histogram<double> RequestDuration { get; }

    public Counter<long> Retries { get; }

    public Counter<long> BytesSent { get; }

    public Counter<long> BytesReceived { get; }

    public Histogram<double> WaitDuration { get; }

    public static TagList OperationTags(string operation) =>
        new() { { ConversionClientDiagnostics.OperationTagName, operation } };

    public void Dispose() => _ownedMeter?.Dispose();
}
