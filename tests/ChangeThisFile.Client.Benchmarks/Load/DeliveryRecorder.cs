using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using ChangeThisFile.Client.AspNetCore;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.Benchmarks.Load;

/// <summary>
/// Counts, per job id, the deliveries that passed verification and the handler calls they led
/// to, so a load run can prove that every distinct delivery was handled exactly once.
/// </summary>
internal sealed class DeliveryRecorder
{
    private readonly ConcurrentDictionary<string, int> _verified = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _handled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _statusCodes = new();

    public void RecordResponse(int statusCode, ConversionWebhookEvent? verifiedEvent)
    {
        _statusCodes.AddOrUpdate(statusCode, 1, (_, count) => count + 1);
        if (verifiedEvent?.JobId is { } jobId)
        {
            _verified.AddOrUpdate(jobId, 1, (_, count) => count + 1);
        }
    }

    public void RecordHandled(ConversionWebhookEvent webhookEvent) =>
        _handled.AddOrUpdate(webhookEvent.JobId ?? "(none)", 1, (_, count) => count + 1);

    public DeliveryStats Snapshot()
    {
        var handled = _handled.ToArray();
        var verified = _verified.ToArray();
        var verifiedIds = verified.Select(pair => pair.Key).ToHashSet(StringComparer.Ordinal);
        return new DeliveryStats(
            _statusCodes.ToDictionary(pair => pair.Key.ToString(System.Globalization.CultureInfo.InvariantCulture),
                pair => pair.Value),
            verified.Sum(pair => (long)pair.Value),
            verified.Length,
            handled.Sum(pair => (long)pair.Value),
            handled.Length,
            handled.Count(pair => pair.Value > 1),
            verifiedIds.Count(id => !_handled.ContainsKey(id)));
    }

    public void Reset()
    {
        _verified.Clear();
        _handled.Clear();
        _statusCodes.Clear();
    }
}

/// <summary>What <c>GET /stats</c> returns after a load run.</summary>
/// <param name="ResponsesByStatus">Responses of the webhook route, by HTTP status.</param>
/// <param name="VerifiedDeliveries">Deliveries that passed signature verification, repeats included.</param>
/// <param name="DistinctVerifiedJobs">Distinct job ids among the verified deliveries.</param>
/// <param name="HandlerCalls">Calls of the application's handler.</param>
/// <param name="DistinctHandledJobs">Distinct job ids the handler saw.</param>
/// <param name="JobsHandledMoreThanOnce">Job ids the handler saw twice or more; must be 0.</param>
/// <param name="VerifiedJobsNeverHandled">Verified job ids the handler never saw; must be 0.</param>
internal sealed record DeliveryStats(
    Dictionary<string, long> ResponsesByStatus,
    long VerifiedDeliveries,
    int DistinctVerifiedJobs,
    long HandlerCalls,
    int DistinctHandledJobs,
    int JobsHandledMoreThanOnce,
    int VerifiedJobsNeverHandled);

/// <summary>The application's handler: records each call and does nothing else.</summary>
internal sealed class RecordingHandler(DeliveryRecorder recorder) : IConversionWebhookHandler
{
    public Task OnJobCompletedAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        Record(webhookEvent);

    public Task OnJobFailedAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        Record(webhookEvent);

    public Task OnTestAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        Record(webhookEvent);

    public Task OnUnknownEventAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        Record(webhookEvent);

    private Task Record(ConversionWebhookEvent webhookEvent)
    {
        recorder.RecordHandled(webhookEvent);
        return Task.CompletedTask;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DeliveryStats))]
internal sealed partial class LoadJsonContext : JsonSerializerContext;
