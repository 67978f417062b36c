using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChangeThisFile.Client;

namespace ChangeThisFile.Reliability.Tests.Soak;

/// <summary>Sums the client's request and retry counters, the retries by reason, from its published metrics.</summary>
public sealed class ClientMetricsListener : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _requests;

    public ClientMetricsListener()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ConversionClientDiagnostics.MeterName
                && instrument.Name is ConversionClientDiagnostics.RetriesInstrumentName
                    or ConversionClientDiagnostics.RequestsInstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Requests sent, each counted once however many attempts it took.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Retries by reason, such as <c>http_502</c> or <c>response_ended</c>.</summary>
    public ConcurrentDictionary<string, long> RetriesByReason { get; } = new(StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(
        Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == ConversionClientDiagnostics.RequestsInstrumentName)
        {
            Interlocked.Add(ref _requests, value);
            return;
        }

        var reason = "unknown";
        foreach (var (key, tagValue) in tags)
        {
            if (key == ConversionClientDiagnostics.RetryReasonTagName)
            {
                reason = tagValue?.ToString() ?? reason;
            }
        }

        RetriesByReason.AddOrUpdate(reason, value, (_, total) => total + value);
    }
}
