using System.Diagnostics;
using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Webhooks;
using ChangeThisFile.Client.Diagnostics;

namespace ChangeThisFile.Client.Flow;

public sealed partial class ConversionFlow
{
    /// <inheritdoc />
    public Task<WebhookHandlingResult> HandleWebhookEventAsync(
        ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        return RunAsync(
            "HandleWebhook",
            null,
            activity => HandleWebhookCoreAsync(webhookEvent, activity, cancellationToken),
            static result => OutcomeName(result.Outcome));
    }

    private async Task<WebhookHandlingResult> HandleWebhookCoreAsync(
        ConversionWebhookEvent webhookEvent, Activity? activity, CancellationToken cancellationToken)
    {
        var jobId = RecordKey.IsValid(webhookEvent.JobId) ? webhookEvent.JobId : null;
        FlowTelemetry.SetJobId(activity, jobId);
        if (webhookEvent.Type == WebhookEventType.WebhookTest)
        {
            Log.TestEventIgnored(_logger);
            return new WebhookHandlingResult(WebhookOutcome.Ignored, null, null, null, "webhook.test event");
        }

        if (webhookEvent.Type != WebhookEventType.JobCompleted && webhookEvent.Type != WebhookEventType.JobFailed)
        {
            var reason = $"the event type '{FlowText.Shorten(webhookEvent.Type.Value)}' is not handled";
            return await KeepUnmatchedAsync(webhookEvent, jobId, null, reason, cancellationToken)
                .ConfigureAwait(false);
        }

        var copied = (CopiedResult?)null;
        for (var attempt = 1; ; attempt++)
        {
            var match = await MatchAsync(webhookEvent, jobId, cancellationToken).ConfigureAwait(false);
            if (match.Record is not { } record)
            {
                return await KeepUnmatchedAsync(
                    webhookEvent, jobId, match.ClaimedFileId, match.Reason!, cancellationToken).ConfigureAwait(false);
            }

            FlowTelemetry.SetFileId(activity, record.FileId);
            var effectiveJobId = jobId ?? record.JobId;
            FlowTelemetry.SetJobId(activity, effectiveJobId);
            var decision = Decide(webhookEvent.Type, record.Status);
            if (decision is WebhookOutcome.Duplicate or WebhookOutcome.Stale)
            {
                Log.EventNotApplied(_logger, webhookEvent.Type.Value, record.FileId, effectiveJobId ?? LogValues.None,
                    record.Status.Value, decision == WebhookOutcome.Duplicate ? "duplicate" : "stale");
                return new WebhookHandlingResult(decision, record.FileId, effectiveJobId, record.Status, null);
            }

            if (webhookEvent.Type == WebhookEventType.JobCompleted && copied is null)
            {
                var copy = await CopyResultAsync(webhookEvent, record, effectiveJobId, cancellationToken)
                    .ConfigureAwait(false);
                if (copy.Rejection is { } rejection)
                {
                    return await KeepRejectedAsync(webhookEvent, record, effectiveJobId, rejection, cancellationToken)
                        .ConfigureAwait(false);
                }

                copied = copy;
            }

            var applied = await TryApplyAsync(webhookEvent, record, effectiveJobId, copied, cancellationToken)
                .ConfigureAwait(false);
            if (applied is not null)
            {
                return applied;
            }

            _telemetry.AddConflict("HandleWebhook");
            Log.RecordConflict(_logger, record.FileId, "HandleWebhook");
            ThrowIfConflictRetriesExhausted("HandleWebhook", record.FileId, attempt);
        }
    }

    /// <summary>
    /// Chooses what an event does to a record: a result beats everything (done is terminal), a
    /// failure applies only while the record is processing.
    /// </summary>
    private static WebhookOutcome Decide(WebhookEventType type, RecordStatus status)
    {
        if (type == WebhookEventType.JobCompleted)
        {
            return status == RecordStatus.Done ? WebhookOutcome.Duplicate
                : status == RecordStatus.Processing || status == RecordStatus.Failed ? WebhookOutcome.Applied
                : WebhookOutcome.Stale;
        }

        return status == RecordStatus.Failed ? WebhookOutcome.Duplicate
            : status == RecordStatus.Processing ? WebhookOutcome.Applied
            : WebhookOutcome.Stale;
    }

    /// <summary>
    /// Finds the record an event belongs to: by the file id in its metadata, else by its job id.
    /// A record named by the metadata must carry the event's job, or be mid-submission with no job
    /// yet and the job not claimed by any other record.
    /// </summary>
    private async Task<RecordMatch> MatchAsync(
        ConversionWebhookEvent webhookEvent, string? jobId, CancellationToken cancellationToken)
    {
        if (webhookEvent.TryGetMetadataString(FileIdMetadataKey, out var claimed))
        {
            if (!ConversionFileId.IsValid(claimed))
            {
                return RecordMatch.None(null, "the metadata file_id is not a valid file id");
            }

            var record = await _records.GetAsync(claimed, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return RecordMatch.None(claimed, "no record has the metadata file_id");
            }

            return await CheckClaimAsync(record, jobId, cancellationToken).ConfigureAwait(false);
        }

        if (jobId is null)
        {
            return RecordMatch.None(null, "the event names neither a file id nor a valid job id");
        }

        var byJob = await _records.FindByJobIdAsync(jobId, cancellationToken).ConfigureAwait(false);
        return byJob is null ? RecordMatch.None(null, "no record has the job id") : new RecordMatch(byJob, null, null);
    }

    private async Task<RecordMatch> CheckClaimAsync(
        ConversionRecord record, string? jobId, CancellationToken cancellationToken)
    {
        if (record.JobId is not null)
        {
            // A legacy body may carry no job id; its signed metadata alone then names the record.
            return jobId is null || record.JobId == jobId
                ? new RecordMatch(record, record.FileId, null)
                : RecordMatch.None(record.FileId, "the record of the metadata file_id belongs to another job");
        }

        if (record.Status != RecordStatus.Processing)
        {
            return RecordMatch.None(record.FileId, "the record of the metadata file_id was never submitted");
        }

        if (jobId is null)
        {
            return RecordMatch.None(record.FileId, "the event names no job id and the record has none yet");
        }

        var owner = await _records.FindByJobIdAsync(jobId, cancellationToken).ConfigureAwait(false);
        return owner is null || owner.FileId == record.FileId
            ? new RecordMatch(record, record.FileId, null)
            : RecordMatch.None(record.FileId, "the job belongs to the record of another file id");
    }

    /// <summary>The record an event matched, or why none did, with the file id the metadata claimed.</summary>
    private sealed record RecordMatch(ConversionRecord? Record, string? ClaimedFileId, string? Reason)
    {
        public static RecordMatch None(string? claimedFileId, string reason) => new(null, claimedFileId, reason);
    }
}
