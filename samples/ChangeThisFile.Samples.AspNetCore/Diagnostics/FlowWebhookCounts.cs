using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ChangeThisFile.Client.Flow;

namespace ChangeThisFile.Samples.AspNetCore.Diagnostics;

/// <summary>
/// Counts the webhook events the conversion flow handled since start-up, by outcome, from the
/// flow's <c>changethisfile.flow.operations</c> counter. One count is one call of the flow's
/// webhook handler, so a delivery handled twice counts twice. Only the meters of this
/// application's <see cref="IMeterFactory"/> are counted, so other hosts in the same process
/// (such as tests) do not add to the figures.
/// </summary>
internal sealed class FlowWebhookCounts : IDisposable
{
    private const string HandleWebhookOperation = "HandleWebhook";

    private readonly ConcurrentDictionary<string, long> _byOutcome = new(StringComparer.Ordinal);
    private readonly MeterListener _listener = new();

    public FlowWebhookCounts(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory)
                && instrument.Meter.Name == ConversionFlowDiagnostics.MeterName
                && instrument.Name == ConversionFlowDiagnostics.OperationsInstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Returns the handled webhook events by outcome, such as <c>applied</c> or <c>unmatched</c>.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(_byOutcome, StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(
        Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? operation = null, outcome = null;
        foreach (var tag in tags)
        {
            if (tag.Key == ConversionFlowDiagnostics.OperationTagName)
            {
                operation = tag.Value as string;
            }
            else if (tag.Key == ConversionFlowDiagnostics.OutcomeTagName)
            {
                outcome = tag.Value as string;
            }
        }

        if (operation == HandleWebhookOperation && outcome is not null)
        {
            _byOutcome.AddOrUpdate(outcome, value, (_, total) => total + value);
        }
    }
}
