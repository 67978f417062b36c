using System.Text.Json;
using ChangeThisFile.Client.Aws;
using ChangeThisFile.Client.Flow;
using ChangeThisFile.Samples.Lambda.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Samples.Lambda.Functions;

/// <summary>
/// Step 2 for S3 event notifications: submits each object created in the upload bucket. Keys are
/// decoded first (S3 sends them form-encoded, a space as <c>+</c>), and the flow ignores keys
/// outside the input prefix, so a stored result never starts another conversion.
/// </summary>
/// <remarks>
/// When a submission fails, the handler still tries the other objects of the event and then
/// throws, so that Lambda retries the event, because S3 invokes the function asynchronously.
/// Submitting is idempotent, so the objects that succeeded are not submitted twice.
/// </remarks>
public sealed partial class SubmitUploadFunction(
    IConversionFlow flow, IOptions<S3ObjectStorageOptions> storage, ILogger<SubmitUploadFunction> logger)
    : ILambdaHandler
{
    private readonly string _bucket = storage.Value.BucketName;

    /// <inheritdoc />
    /// <exception cref="FormatException">The event is not an S3 event notification.</exception>
    /// <exception cref="SubmitFailedException">At least one submission failed; the event should be retried.</exception>
    public async Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var json = await LambdaEvents.ReadAllAsync(input, cancellationToken).ConfigureAwait(false);
        var objectEvents = S3EventNotification.Parse(json);

        var entries = new List<SubmitEntry>(objectEvents.Count);
        var failures = new List<(string Key, Exception Exception)>();
        foreach (var objectEvent in objectEvents)
        {
            if (SkipReason(objectEvent) is { } reason)
            {
                Log.Skipped(logger, objectEvent.EventName, objectEvent.Key, reason);
                entries.Add(SubmitEntry.Skipped(objectEvent.Key, reason));
                continue;
            }

            try
            {
                var result = await flow.SubmitUploadedObjectAsync(objectEvent.Key, cancellationToken)
                    .ConfigureAwait(false);
                Log.Submitted(logger, objectEvent.Key, result.Outcome, result.FileId, result.JobId);
                entries.Add(SubmitEntry.From(objectEvent.Key, result));
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                Log.SubmitFailed(logger, exception, objectEvent.Key);
                failures.Add((objectEvent.Key, exception));
            }
        }

        if (failures.Count > 0)
        {
            throw new SubmitFailedException(failures.Select(failure => failure.Key).ToList(), failures[0].Exception);
        }

        var output = new MemoryStream();
        JsonSerializer.Serialize(output, new SubmitSummary(entries), LambdaJsonContext.Default.SubmitSummary);
        output.Position = 0;
        return output;
    }

    private string? SkipReason(S3ObjectEvent objectEvent)
    {
        var name = objectEvent.EventName.StartsWith("s3:", StringComparison.Ordinal)
            ? objectEvent.EventName[3..]
            : objectEvent.EventName;
        if (!name.StartsWith("ObjectCreated:", StringComparison.Ordinal))
        {
            return "not an ObjectCreated event";
        }

        return string.Equals(objectEvent.BucketName, _bucket, StringComparison.Ordinal)
            ? null
            : "the object is not in the configured upload bucket";
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 220, Level = LogLevel.Information,
            Message = "Upload {Key} submitted: {Outcome} (file {FileId}, job {JobId})")]
        public static partial void Submitted(
            ILogger logger, string key, SubmitOutcome outcome, string? fileId, string? jobId);

        [LoggerMessage(EventId = 221, Level = LogLevel.Information,
            Message = "S3 event {EventName} for {Key} skipped: {Reason}")]
        public static partial void Skipped(ILogger logger, string eventName, string key, string reason);

        [LoggerMessage(EventId = 222, Level = LogLevel.Error,
            Message = "Submitting upload {Key} failed; the event is retried")]
        public static partial void SubmitFailed(ILogger logger, Exception exception, string key);
    }
}
