using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Client;

public sealed partial class ConversionClient
{
    private static partial class Log
    {
        [LoggerMessage(20, LogLevel.Error, "{Operation} failed (job {JobId})")]
        public static partial void OperationFailed(
            ILogger logger, string operation, string jobId, Exception exception);

        [LoggerMessage(29, LogLevel.Warning, "{Operation} was rejected by the API: HTTP {StatusCode} {ErrorCode} (job {JobId})")]
        public static partial void OperationRejected(
            ILogger logger, string operation, int statusCode, string errorCode, string jobId);

        [LoggerMessage(21, LogLevel.Debug, "{Operation} was canceled by the caller")]
        public static partial void Canceled(ILogger logger, string operation);

        [LoggerMessage(
            22, LogLevel.Information, "Submitted job {JobId} with status {Status} (Idempotency-Key {IdempotencyKey})")]
        public static partial void JobSubmitted(ILogger logger, string jobId, string status, string idempotencyKey);

        [LoggerMessage(23, LogLevel.Debug, "Job {JobId} is '{Status}'; polling again in {Delay}")]
        public static partial void JobPending(ILogger logger, string jobId, string status, TimeSpan delay);

        [LoggerMessage(24, LogLevel.Information, "Job {JobId} reached '{Status}' after waiting {Elapsed}")]
        public static partial void JobFinished(ILogger logger, string jobId, string status, TimeSpan elapsed);

        [LoggerMessage(25, LogLevel.Warning, "Polling job {JobId} failed ({ExceptionType}); polling again in {Delay}")]
        public static partial void PollFailed(
            ILogger logger, string jobId, string exceptionType, TimeSpan delay, Exception exception);

        [LoggerMessage(
            26, LogLevel.Warning, "The job list returned a page it had already returned ({Url}); stopping the listing")]
        public static partial void JobListLoop(ILogger logger, string url);

        [LoggerMessage(27, LogLevel.Debug, "Downloaded {Bytes} bytes from {Url}")]
        public static partial void Downloaded(ILogger logger, long bytes, string url);

        [LoggerMessage(28, LogLevel.Warning, "Could not delete the partial download {Path}")]
        public static partial void PartialFileNotDeleted(ILogger logger, string path, Exception exception);
    }
}
