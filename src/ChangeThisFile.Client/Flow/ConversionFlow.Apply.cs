using ChangeThisFile.Client.Diagnostics;
using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.Flow;

public sealed partial class ConversionFlow
{
    private const int MaxStoredErrorMessageLength = 2000;

    /// <summary>
    /// Writes the event's outcome into the record. Returns null when another writer changed the
    /// record first, so the caller reads it again and decides anew.
    /// </summary>
    private async Task<WebhookHandlingResult?> TryApplyAsync(
        ConversionWebhookEvent webhookEvent,
        ConversionRecord record,
        string? jobId,
        CopiedResult? copied,
        CancellationToken cancellationToken)
    {
        var completed = webhookEvent.Type == WebhookEventType.JobCompleted;
        var (errorCode, errorMessage) = completed ? (null, null) : FailureOf(webhookEvent);
        var updated = record with
        {
            Status = completed ? RecordStatus.Done : RecordStatus.Failed,
            JobId = jobId,
            OutputKey = completed ? copied!.Key : record.OutputKey,
            OutputSize = completed ? copied!.Size : record.OutputSize,
            ErrorCode = errorCode,
            ErrorMessage = errorMessage,
            Metadata = WithoutSubmission(record.Metadata),
            UpdatedAt = _time.GetUtcNow(),
        };

        ConversionRecord stored;
        try
        {
            stored = await _records.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
        }
        catch (RecordConflictException)
        {
            return null;
        }

        if (completed)
        {
            if (record.Status == RecordStatus.Failed)
            {
                Log.FailedRecordCompleted(_logger, stored.FileId, jobId ?? LogValues.None);
            }

            Log.ResultStored(_logger, stored.FileId, jobId ?? LogValues.None, copied!.Key, copied.Size);
        }
        else
        {
            Log.RecordFailed(
                _logger,
                stored.FileId,
                jobId ?? LogValues.None,
                stored.ErrorCode ?? LogValues.None,
                stored.ErrorMessage ?? LogValues.None);
        }

        return new WebhookHandlingResult(WebhookOutcome.Applied, stored.FileId, jobId, stored.Status, null);
    }

    /// <summary>
    /// Streams the result into storage. A result URL that the API no longer honours (expired or
    /// gone) is replaced once by the fresh URL of <c>GET /v1/jobs/{id}</c>. A URL that the download
    /// checks reject is reported, not fetched.
    /// </summary>
    private async Task<CopiedResult> CopyResultAsync(
        ConversionWebhookEvent webhookEvent,
        ConversionRecord record,
        string? jobId,
        CancellationToken cancellationToken)
    {
        var key = _keys.OutputKey(record.FileId, record.Target);
        var contentType = FlowFormats.ContentTypeOf(record.Target);
        var client = CreateClient();
        var url = Uri.TryCreate(webhookEvent.ResultUrl, UriKind.Absolute, out var parsed) ? parsed : null;
        if (url is null && jobId is null)
        {
            return CopiedResult.Rejected("the event carries neither a result URL nor a job id");
        }

        // NOTE: the copy runs under the caller's token. In an inline webhook that is the request's
        // token, so a copy that outlasts the API's delivery timeout is cancelled and delivered again.
        try
        {
            url ??= await FreshResultUrlAsync(client, jobId!, record.FileId, cancellationToken).ConfigureAwait(false);
            long size;
            try
            {
                size = await ResultCopier.CopyAsync(client, url, _storage, key, contentType, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (ConversionApiException exception) when (jobId is not null && ResultCopier.IsLinkGone(exception))
            {
                Log.ResultUrlRefreshed(_logger, record.FileId, jobId, (int)exception.StatusCode);
                url = await FreshResultUrlAsync(client, jobId, record.FileId, cancellationToken).ConfigureAwait(false);
                size = await ResultCopier.CopyAsync(client, url, _storage, key, contentType, cancellationToken)
                    .ConfigureAwait(false);
            }

            _telemetry.AddResultBytes(size);
            return new CopiedResult(key, size, null);
        }
        catch (DownloadUrlRejectedException exception)
        {
            // The built-in download URL guard drops the query string, but a client from another factory might not.
            var redactedUrl = RedactUrl(exception.Url);
            Log.ResultUrlRejected(
                _logger, record.FileId, jobId ?? LogValues.None, exception.Reason.ToString(), redactedUrl);
            return CopiedResult.Rejected($"the result URL {redactedUrl} was rejected ({exception.Reason})");
        }
    }

    private static string RedactUrl(string url) =>
        Uri.TryCreate(url, UriKind.RelativeOrAbsolute, out var parsed) ? UrlRedaction.Redact(parsed) : "(invalid URL)";

    private static async Task<Uri> FreshResultUrlAsync(
        IConversionClient client, string jobId, string fileId, CancellationToken cancellationToken)
    {
        var job = await client.GetJobAsync(jobId, cancellationToken).ConfigureAwait(false);
        if (Uri.TryCreate(job.Result?.FileUrl, UriKind.Absolute, out var url))
        {
            return url;
        }

        throw new InvalidOperationException(
            $"The job {jobId} of file id '{fileId}' has no result URL; the API reports status '{job.Status.Value}'. " +
            "The webhook is answered with an error so that the API delivers it again.");
    }

    private async Task<WebhookHandlingResult> KeepUnmatchedAsync(
        ConversionWebhookEvent webhookEvent, string? jobId, string? claimedFileId, string reason,
        CancellationToken cancellationToken)
    {
        var fileId = ConversionFileId.IsValid(claimedFileId) ? claimedFileId : null;
        await _records.AddUnmatchedEventAsync(
            UnmatchedEvents.Create(webhookEvent, jobId, fileId, reason, _time.GetUtcNow()), cancellationToken)
            .ConfigureAwait(false);
        Log.EventUnmatched(
            _logger,
            FlowText.Shorten(webhookEvent.Type.Value),
            jobId ?? LogValues.None,
            fileId ?? LogValues.None,
            reason);
        return new WebhookHandlingResult(WebhookOutcome.Unmatched, fileId, jobId, null, reason);
    }

    private async Task<WebhookHandlingResult> KeepRejectedAsync(
        ConversionWebhookEvent webhookEvent, ConversionRecord record, string? jobId, string reason,
        CancellationToken cancellationToken)
    {
        await _records.AddUnmatchedEventAsync(
            UnmatchedEvents.Create(webhookEvent, jobId, record.FileId, reason, _time.GetUtcNow()),
            cancellationToken)
            .ConfigureAwait(false);
        return new WebhookHandlingResult(WebhookOutcome.Rejected, record.FileId, jobId, record.Status, reason);
    }

    /// <summary>Returns the API's error code and message, with defaults when the event carries none.</summary>
    private static (string? Code, string? Message) FailureOf(ConversionWebhookEvent webhookEvent)
    {
        var error = webhookEvent.Error;
        var code = error?.Code.Value is { Length: > 0 } value ? value : ConversionErrorCode.ConversionFailed.Value;
        return (code, Truncate(error?.Message ?? "The API reported the job as failed without a message."));
    }

    private static string Truncate(string message) =>
        message.Length <= MaxStoredErrorMessageLength ? message : message[..MaxStoredErrorMessageLength] + "...";

    /// <summary>Where a result was stored and its size, or why it was not fetched.</summary>
    private sealed record CopiedResult(string Key, long Size, string? Rejection)
    {
        public static CopiedResult Rejected(string reason) => new(string.Empty, 0, reason);
    }
}
