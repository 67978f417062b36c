using System.Diagnostics;
using System.Net;
using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Diagnostics;

namespace ChangeThisFile.Client.Flow;

public sealed partial class ConversionFlow
{
    private async Task<SubmitResult> SendAsync(
        ConversionRecord record, Uri fileUrl, Activity? activity, CancellationToken cancellationToken)
    {
        var request = new JobUrlRequest(fileUrl, record.Target)
        {
            WebhookUrl = _options.WebhookUrl,
            WebhookMetadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [FileIdMetadataKey] = record.FileId,
            },
            IdempotencyKey = IdempotencyKeyFor(record.FileId),
        };

        JobHandle handle;
        try
        {
            handle = await CreateClient().SubmitJobFromUrlAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ConversionApiException exception) when (IsEarlierAttemptAccepted(exception))
        {
            Log.SubmitPending(_logger, record.FileId, (int)exception.StatusCode);
            return Result(SubmitOutcome.Pending, record,
                "An earlier attempt of this submission reached the API; the job id arrives with its webhook.");
        }
        catch (ConversionApiException exception) when (IsRejectionOfFile(exception))
        {
            return await RejectAsync(record.FileId, exception, cancellationToken).ConfigureAwait(false);
        }

        FlowTelemetry.SetJobId(activity, handle.JobId);
        Log.JobSubmitted(_logger, record.FileId, handle.JobId, record.Target);
        return await StoreJobIdAsync(record.FileId, handle.JobId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// 409: a request with the same idempotency key is still running at the API (the client already
    /// waited and retried). 422 with <c>bad_request</c>: the key was used with another body, which
    /// for the flow means an earlier attempt with an input URL since replaced created the job.
    /// </summary>
    private static bool IsEarlierAttemptAccepted(ConversionApiException exception) =>
        exception.StatusCode == HttpStatusCode.Conflict
        || (exception.StatusCode == HttpStatusCode.UnprocessableEntity
            && exception.ErrorCode == ConversionErrorCode.BadRequest);

    /// <summary>Errors about the file or the request itself, which a retry cannot fix.</summary>
    private static bool IsRejectionOfFile(ConversionApiException exception) =>
        exception.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge
            or HttpStatusCode.UnsupportedMediaType or HttpStatusCode.UnprocessableEntity;

    private async Task<SubmitResult> RejectAsync(
        string fileId, ConversionApiException exception, CancellationToken cancellationToken)
    {
        var error = exception.Error ?? new ConversionError
        {
            Code = new ConversionErrorCode("http_" + (int)exception.StatusCode),
            Message = "The API rejected the submission without an error body.",
        };
        Log.SubmitRejected(
            _logger, fileId, (int)exception.StatusCode, error.Code.Value, error.Message ?? LogValues.None);
        for (var attempt = 1; ; attempt++)
        {
            var record = await _records.GetAsync(fileId, cancellationToken).ConfigureAwait(false);
            if (record is null || record.JobId is not null || record.Status.IsTerminal)
            {
                return record is null ? NotFoundResult(fileId) : Result(SubmitOutcome.AlreadySubmitted, record);
            }

            try
            {
                var failed = await _records.UpdateAsync(
                    record with
                    {
                        Status = RecordStatus.Failed,
                        ErrorCode = error.Code.Value,
                        ErrorMessage = error.Message,
                        Metadata = WithoutSubmission(record.Metadata),
                        UpdatedAt = _time.GetUtcNow(),
                    },
                    cancellationToken).ConfigureAwait(false);
                return Result(SubmitOutcome.Rejected, failed, error.Message, error);
            }
            catch (RecordConflictException)
            {
                _telemetry.AddConflict("Submit");
                ThrowIfConflictRetriesExhausted("Submit", fileId, attempt);
            }
        }
    }

    /// <summary>
    /// Stores the job id, unless the webhook already did (it may arrive before the submission
    /// returns) or the record carries another job.
    /// </summary>
    private async Task<SubmitResult> StoreJobIdAsync(string fileId, string jobId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var record = await _records.GetAsync(fileId, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                Log.RecordVanished(_logger, fileId, jobId);
                return new SubmitResult { FileId = fileId, Outcome = SubmitOutcome.Submitted, JobId = jobId };
            }

            if (record.JobId == jobId)
            {
                return Result(SubmitOutcome.Submitted, record);
            }

            if (record.JobId is not null || record.Status != RecordStatus.Processing)
            {
                Log.JobNotStored(_logger, fileId, jobId, record.JobId ?? LogValues.None, record.Status.Value);
                return Result(SubmitOutcome.AlreadySubmitted, record);
            }

            try
            {
                var stored = await _records.UpdateAsync(
                    record with
                    {
                        JobId = jobId,
                        Metadata = WithoutSubmission(record.Metadata),
                        UpdatedAt = _time.GetUtcNow(),
                    },
                    cancellationToken).ConfigureAwait(false);
                return Result(SubmitOutcome.Submitted, stored);
            }
            catch (RecordConflictException)
            {
                _telemetry.AddConflict("Submit");
                Log.RecordConflict(_logger, fileId, "Submit");
                ThrowIfConflictRetriesExhausted("Submit", fileId, attempt);
            }
        }
    }
}
