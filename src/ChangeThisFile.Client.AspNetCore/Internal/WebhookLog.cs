using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Client.AspNetCore.Internal;

/// <summary>
/// Log messages of the webhook receiver. None of them takes a secret, a signature, the body or
/// a result URL; job ids and event types are logged because they identify the work.
/// </summary>
internal static partial class WebhookLog
{
    /// <summary>The text logged in place of a missing job id, instead of the formatter's "(null)".</summary>
    public const string None = "none";

    [LoggerMessage(1, LogLevel.Warning, "Rejected webhook delivery to {Path} with {StatusCode}: {Reason}. {Detail}")]
    public static partial void DeliveryRejected(
        ILogger logger, string path, int statusCode, string reason, string detail);

    [LoggerMessage(2, LogLevel.Error,
        "Webhook delivery to {Path} could not be verified because no secret is configured or the options are invalid")]
    public static partial void NotConfigured(ILogger logger, string path);

    [LoggerMessage(3, LogLevel.Debug, "Webhook delivery to {Path} ended because the sender disconnected")]
    public static partial void SenderDisconnected(ILogger logger, string path);

    [LoggerMessage(4, LogLevel.Debug, "Verified webhook {EventType} for job {JobId} with secret {SecretIndex}")]
    public static partial void Verified(ILogger logger, string eventType, string jobId, int secretIndex);

    [LoggerMessage(5, LogLevel.Information,
        "Acknowledged duplicate webhook {EventType} for job {JobId} without handling it again")]
    public static partial void DuplicateAcknowledged(ILogger logger, string eventType, string jobId);

    [LoggerMessage(6, LogLevel.Information,
        "Webhook {EventType} for job {JobId} is already being handled; answered 409 so the sender retries")]
    public static partial void DuplicateInProgress(ILogger logger, string eventType, string jobId);

    [LoggerMessage(7, LogLevel.Error,
        "Webhook handler failed for {EventType} of job {JobId}; answered 500 so the sender retries")]
    public static partial void InlineHandlerFailed(
        ILogger logger, Exception exception, string eventType, string jobId);

    [LoggerMessage(8, LogLevel.Warning,
        "Webhook queue is full or stopping; answered 503 for {EventType} of job {JobId}")]
    public static partial void QueueRejected(ILogger logger, string eventType, string jobId);

    [LoggerMessage(9, LogLevel.Warning,
        "Queued webhook handler failed for {EventType} of job {JobId} on attempt {Attempt} of {MaxAttempts}")]
    public static partial void QueuedAttemptFailed(
        ILogger logger, Exception exception, string eventType, string jobId, int attempt, int maxAttempts);

    [LoggerMessage(10, LogLevel.Error,
        "Gave up webhook {EventType} of job {JobId} after {Attempts} failed attempts; the sender will not retry it")]
    public static partial void QueuedGaveUp(ILogger logger, string eventType, string jobId, int attempts);

    [LoggerMessage(11, LogLevel.Information,
        "Webhook queue stopping; draining {Count} queued events within {DrainTimeout}")]
    public static partial void DrainStarted(ILogger logger, int count, TimeSpan drainTimeout);

    [LoggerMessage(12, LogLevel.Error,
        "Dropped webhook {EventType} of job {JobId} at shutdown before it was handled; the sender will not retry it")]
    public static partial void DroppedAtShutdown(ILogger logger, string eventType, string jobId);

    [LoggerMessage(13, LogLevel.Error, "The webhook deduplication store failed for {EventType} of job {JobId}")]
    public static partial void StoreFailed(ILogger logger, Exception exception, string eventType, string jobId);

    [LoggerMessage(14, LogLevel.Information,
        "Webhook queue started with {Concurrency} handlers and room for {Capacity} events")]
    public static partial void QueueStarted(ILogger logger, int concurrency, int capacity);
}
