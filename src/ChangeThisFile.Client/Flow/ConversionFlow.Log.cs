using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Client.Flow;

public sealed partial class ConversionFlow
{
    /// <summary>
    /// The flow's log messages. They carry file ids, job ids and object keys, which the flow builds
    /// from file ids, and never a presigned URL's query string. Untrusted text is shortened and escaped.
    /// </summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 6001, Level = LogLevel.Information,
            Message = "Upload created for file {FileId} to {Target} at key {InputKey}, URL valid until {ExpiresAt:O}")]
        public static partial void UploadCreated(
            ILogger logger, string fileId, string target, string inputKey, DateTimeOffset expiresAt);

        [LoggerMessage(EventId = 6002, Level = LogLevel.Information,
            Message = "Rejected an invalid {Operation} request ({Field}): {Reason}")]
        public static partial void RequestInvalid(ILogger logger, string operation, string field, string reason);

        [LoggerMessage(EventId = 6010, Level = LogLevel.Information,
            Message = "Submitted file {FileId} as job {JobId} to {Target}")]
        public static partial void JobSubmitted(ILogger logger, string fileId, string jobId, string target);

        [LoggerMessage(EventId = 6011, Level = LogLevel.Information,
            Message = "File {FileId} was not submitted again: it has job {JobId} and status {Status}")]
        public static partial void SubmitSkipped(ILogger logger, string fileId, string jobId, string status);

        [LoggerMessage(EventId = 6012, Level = LogLevel.Information,
            Message = "File {FileId} is not in storage yet; it is submitted once the upload arrives")]
        public static partial void NotUploaded(ILogger logger, string fileId);

        [LoggerMessage(EventId = 6013, Level = LogLevel.Warning,
            Message = "An earlier submission of file {FileId} reached the API (HTTP {StatusCode}); " +
                "its job id comes with the webhook")]
        public static partial void SubmitPending(ILogger logger, string fileId, int statusCode);

        [LoggerMessage(EventId = 6014, Level = LogLevel.Warning,
            Message = "The API rejected file {FileId} with HTTP {StatusCode} {ErrorCode}: {ErrorMessage}; " +
                "the record is failed")]
        public static partial void SubmitRejected(
            ILogger logger, string fileId, int statusCode, string errorCode, string errorMessage);

        [LoggerMessage(EventId = 6015, Level = LogLevel.Warning,
            Message = "Job {JobId} was created for file {FileId}, whose record no longer exists")]
        public static partial void RecordVanished(ILogger logger, string fileId, string jobId);

        [LoggerMessage(EventId = 6016, Level = LogLevel.Warning,
            Message = "Job {JobId} was not stored for file {FileId}: the record has job {ExistingJobId} " +
                "and status {Status}")]
        public static partial void JobNotStored(
            ILogger logger, string fileId, string jobId, string existingJobId, string status);

        [LoggerMessage(EventId = 6017, Level = LogLevel.Information,
            Message = "Ignored object {ObjectKey}: it is not an upload of this flow")]
        public static partial void ObjectIgnored(ILogger logger, string objectKey);

        [LoggerMessage(EventId = 6020, Level = LogLevel.Information,
            Message = "Stored the result of job {JobId} for file {FileId} at {OutputKey} ({Size} bytes)")]
        public static partial void ResultStored(
            ILogger logger, string fileId, string jobId, string outputKey, long size);

        [LoggerMessage(EventId = 6021, Level = LogLevel.Information,
            Message = "Job {JobId} of file {FileId} failed with {ErrorCode}: {ErrorMessage}")]
        public static partial void RecordFailed(
            ILogger logger, string fileId, string jobId, string errorCode, string errorMessage);

        [LoggerMessage(EventId = 6022, Level = LogLevel.Information,
            Message = "Event {EventType} for file {FileId} and job {JobId} left status {Status} unchanged ({Outcome})")]
        public static partial void EventNotApplied(
            ILogger logger, string eventType, string fileId, string jobId, string status, string outcome);

        [LoggerMessage(EventId = 6023, Level = LogLevel.Warning,
            Message = "Kept unmatched event {EventType} (job {JobId}, file {FileId}): {Reason}")]
        public static partial void EventUnmatched(
            ILogger logger, string eventType, string jobId, string fileId, string reason);

        [LoggerMessage(EventId = 6024, Level = LogLevel.Information, Message = "Acknowledged a webhook.test event")]
        public static partial void TestEventIgnored(ILogger logger);

        [LoggerMessage(EventId = 6025, Level = LogLevel.Warning,
            Message = "Job {JobId} of failed file {FileId} reported a result; the record is done now")]
        public static partial void FailedRecordCompleted(ILogger logger, string fileId, string jobId);

        [LoggerMessage(EventId = 6026, Level = LogLevel.Information,
            Message = "The result URL of job {JobId} for file {FileId} answered HTTP {StatusCode}; " +
                "fetching a fresh one")]
        public static partial void ResultUrlRefreshed(ILogger logger, string fileId, string jobId, int statusCode);

        [LoggerMessage(EventId = 6027, Level = LogLevel.Error,
            Message = "Rejected the result URL {Url} of job {JobId} for file {FileId} ({Reason}); " +
                "the event was kept unmatched")]
        public static partial void ResultUrlRejected(
            ILogger logger, string fileId, string jobId, string reason, string url);

        [LoggerMessage(EventId = 6030, Level = LogLevel.Debug,
            Message = "The record of file {FileId} changed during {Operation}; reading it again")]
        public static partial void RecordConflict(ILogger logger, string fileId, string operation);
    }
}
