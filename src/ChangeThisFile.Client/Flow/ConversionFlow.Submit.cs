using System.Diagnostics;
using System.Globalization;
using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Diagnostics;

namespace ChangeThisFile.Client.Flow;

public sealed partial class ConversionFlow
{
    /// <inheritdoc />
    public Task<SubmitResult> SubmitAsync(string fileId, CancellationToken cancellationToken = default) =>
        RunAsync(
            "Submit",
            ConversionFileId.IsValid(fileId) ? fileId : null,
            activity => SubmitCoreAsync(fileId, null, activity, cancellationToken),
            static result => OutcomeName(result.Outcome));

    /// <inheritdoc />
    public Task<SubmitResult> SubmitUploadedObjectAsync(
        string objectKey, CancellationToken cancellationToken = default) =>
        RunAsync(
            "Submit",
            null,
            activity => SubmitObjectCoreAsync(objectKey, activity, cancellationToken),
            static result => OutcomeName(result.Outcome));

    private async Task<SubmitResult> SubmitObjectCoreAsync(
        string? objectKey, Activity? activity, CancellationToken cancellationToken)
    {
        if (objectKey is null || !_keys.IsInputKey(objectKey))
        {
            LogObjectIgnored(objectKey);
            return new SubmitResult
            {
                Outcome = SubmitOutcome.Ignored,
                Message = $"The object key is not under the input prefix '{_options.InputKeyPrefix}', so it is " +
                    "not an upload of this flow.",
            };
        }

        if (!_keys.TryParseInputKey(objectKey, out var fileId))
        {
            LogObjectIgnored(objectKey);
            return new SubmitResult
            {
                Outcome = SubmitOutcome.Ignored,
                Message = $"The object key '{FlowText.Shorten(objectKey)}' does not name a file id after the input " +
                    "prefix, so no upload of this flow wrote it.",
            };
        }

        FlowTelemetry.SetFileId(activity, fileId);
        return await SubmitCoreAsync(fileId, objectKey, activity, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SubmitResult> SubmitCoreAsync(
        string? fileId, string? objectKey, Activity? activity, CancellationToken cancellationToken)
    {
        if (!ConversionFileId.TryValidate(fileId, out var invalid))
        {
            return new SubmitResult { Outcome = SubmitOutcome.NotFound, Message = invalid };
        }

        for (var attempt = 1; ; attempt++)
        {
            var record = await _records.GetAsync(fileId, cancellationToken).ConfigureAwait(false);
            if (record is null)
            {
                return NotFoundResult(fileId);
            }

            if (objectKey is not null && !string.Equals(record.InputKey, objectKey, StringComparison.Ordinal))
            {
                LogObjectIgnored(objectKey);
                return Result(SubmitOutcome.Ignored, record, "The object key is not the input key of this file id.");
            }

            if (record.JobId is not null || record.Status != RecordStatus.AwaitingUpload
                && record.Status != RecordStatus.Processing)
            {
                Log.SubmitSkipped(_logger, fileId, record.JobId ?? LogValues.None, record.Status.Value);
                return Result(SubmitOutcome.AlreadySubmitted, record);
            }

            var prepared = await PrepareSubmissionAsync(record, cancellationToken).ConfigureAwait(false);
            if (prepared.Outcome is { } outcome)
            {
                return Result(outcome, record, outcome == SubmitOutcome.NotUploaded
                    ? "The upload has not arrived in storage yet. Upload the file first, then submit it."
                    : null);
            }

            if (prepared.Record is null)
            {
                ThrowIfConflictRetriesExhausted("Submit", fileId, attempt);
                continue;
            }

            return await SendAsync(prepared.Record, prepared.FileUrl!, activity, cancellationToken)
                .ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Marks the record as processing with the input URL it sends, or reuses the URL of an earlier
    /// attempt while it stays valid long enough for the API to fetch the file.
    /// </summary>
    private async Task<PreparedSubmission> PrepareSubmissionAsync(
        ConversionRecord record, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (record.Status == RecordStatus.Processing && StoredSubmitUrl(record, now) is { } storedUrl)
        {
            return new PreparedSubmission(record, storedUrl, null);
        }

        if (!await _storage.ExistsAsync(record.InputKey, cancellationToken).ConfigureAwait(false))
        {
            Log.NotUploaded(_logger, record.FileId);
            return new PreparedSubmission(null, null, SubmitOutcome.NotUploaded);
        }

        // The file name in the URL's Content-Disposition lets the API name and detect the input by
        // the user's file name instead of the storage key.
        var inputUrlOptions = new PresignedDownloadOptions
        {
            ExpiresIn = _options.InputUrlExpiry,
            FileName = record.OriginalFileName,
        };
        var presigned = await _storage.CreateDownloadRequestAsync(record.InputKey, inputUrlOptions, cancellationToken)
            .ConfigureAwait(false);
        var metadata = WithoutSubmission(record.Metadata);
        metadata[SubmitUrlMetadataKey] = presigned.Url.AbsoluteUri;
        metadata[SubmitUrlExpiresMetadataKey] = presigned.ExpiresAt.ToString("O", CultureInfo.InvariantCulture);
        try
        {
            var stored = await _records.UpdateAsync(
                record with { Status = RecordStatus.Processing, Metadata = metadata, UpdatedAt = now },
                cancellationToken).ConfigureAwait(false);
            return new PreparedSubmission(stored, presigned.Url, null);
        }
        catch (RecordConflictException)
        {
            _telemetry.AddConflict("Submit");
            Log.RecordConflict(_logger, record.FileId, "Submit");
            return new PreparedSubmission(null, null, null);
        }
    }

    /// <summary>
    /// Returns the input URL of an earlier attempt while at least half its lifetime (at most 5
    /// minutes) remains, because the API may still have to fetch the file with it.
    /// </summary>
    private Uri? StoredSubmitUrl(ConversionRecord record, DateTimeOffset now)
    {
        if (!record.Metadata.TryGetValue(SubmitUrlMetadataKey, out var text)
            || !record.Metadata.TryGetValue(SubmitUrlExpiresMetadataKey, out var expiresText)
            || !Uri.TryCreate(text, UriKind.Absolute, out var url)
            || !DateTimeOffset.TryParse(
                expiresText, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var expires))
        {
            return null;
        }

        var margin = TimeSpan.FromTicks(Math.Min(_options.InputUrlExpiry.Ticks / 2, TimeSpan.FromMinutes(5).Ticks));
        return expires - now >= margin ? url : null;
    }

    private void LogObjectIgnored(string? objectKey)
    {
        var shortenedKey = FlowText.Shorten(objectKey);
        Log.ObjectIgnored(_logger, shortenedKey);
    }

    private static SubmitResult NotFoundResult(string fileId) => new()
    {
        FileId = fileId,
        Outcome = SubmitOutcome.NotFound,
        Message = $"No conversion has the file id '{fileId}'. Create an upload first.",
    };

    private static SubmitResult Result(
        SubmitOutcome outcome, ConversionRecord record, string? message = null, ConversionError? error = null) => new()
    {
        FileId = record.FileId,
        Outcome = outcome,
        JobId = record.JobId,
        Status = record.Status,
        Error = error,
        Message = message,
    };

    private void ThrowIfConflictRetriesExhausted(string operation, string fileId, int attempt)
    {
        if (attempt >= _options.MaxConflictRetries)
        {
            throw new RecordConflictException(
                fileId,
                $"{operation} of file id '{fileId}' lost {attempt} races against concurrent changes of its record. " +
                "Retry the step later, or raise ConversionFlow:MaxConflictRetries.");
        }
    }

    /// <summary>
    /// A record marked for submission with the URL to send, or the outcome that ends the step, or
    /// neither after a lost race.
    /// </summary>
    private sealed record PreparedSubmission(ConversionRecord? Record, Uri? FileUrl, SubmitOutcome? Outcome);
}
