using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.Flow;

/// <summary>
/// The four steps of a conversion in which no request of the application carries file bytes:
/// create an upload URL, submit the uploaded file, handle the API's webhook, and report the status.
/// </summary>
/// <remarks>
/// <para>
/// Every step keeps its state in the <see cref="Storage.IConversionRecordStore"/> and the files in
/// the <see cref="Storage.IObjectStorage"/>, so any instance of a host (or a serverless function)
/// can run any step. Implementations are thread-safe.
/// </para>
/// <para>
/// Caller mistakes on the status and submit steps (an invalid or unknown file id) are results, not
/// exceptions. Failures of storage, the record store or the API propagate as their exceptions, so a
/// webhook endpoint answers 5xx and the API delivers the event again.
/// </para>
/// </remarks>
public interface IConversionFlow
{
    /// <summary>
    /// Creates a file id, stores a record awaiting the upload, and returns a presigned request that
    /// uploads the file straight to storage under the input prefix.
    /// </summary>
    /// <param name="request">The user's file name, target format, and optionally media type, size and metadata.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The file id and the upload request.</returns>
    /// <exception cref="ConversionFlowValidationException">
    /// The target is not allowed (the message lists the allowed targets), the declared size is too
    /// large, or the file name, media type or metadata is invalid.
    /// </exception>
    Task<CreateUploadResult> CreateUploadAsync(
        CreateUploadRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Submits an uploaded file: checks that it is in storage, creates a presigned download URL for
    /// the API, and submits a job by URL with the webhook URL and the file id as metadata. The
    /// idempotency key is derived from the file id, and a record that already has a job is not
    /// submitted again, so calling this twice creates one job.
    /// </summary>
    /// <param name="fileId">The file id returned by <see cref="CreateUploadAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>What happened, with the job id when known.</returns>
    /// <exception cref="ConversionApiException">
    /// The API failed for a reason that is not the file's, such as 401 or 429.
    /// </exception>
    Task<SubmitResult> SubmitAsync(string fileId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Submits the file behind a storage event, such as an S3 <c>ObjectCreated</c> notification: the
    /// key is mapped back to its file id and the record must name exactly this key. Keys outside the
    /// input prefix, such as stored results, are ignored.
    /// </summary>
    /// <param name="objectKey">The object key, decoded (S3 notifications encode a space as <c>+</c>).</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>What happened; <see cref="SubmitOutcome.Ignored"/> for a key the flow does not own.</returns>
    Task<SubmitResult> SubmitUploadedObjectAsync(string objectKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies a verified webhook event to its record: on <c>job.completed</c> the result is
    /// streamed from the API into storage under the output prefix and the record marked done, on
    /// <c>job.failed</c> the record is marked failed with the API's error. Duplicates and late
    /// events leave the record as it is; events that match no record are kept as unmatched events.
    /// </summary>
    /// <param name="webhookEvent">The event, verified by the webhook receiver.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>What happened.</returns>
    /// <exception cref="Exception">
    /// Storage, the record store or the result download failed. Respond with 5xx so that the API retries.
    /// </exception>
    Task<WebhookHandlingResult> HandleWebhookEventAsync(
        ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reports the state of a file: processing (also while its upload is awaited), done with a
    /// presigned download URL of the application's storage, failed with the API's error, or not found.
    /// </summary>
    /// <param name="fileId">
    /// The file id, usually from a URL; invalid ids give <see cref="ConversionState.NotFound"/>.
    /// </param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>The status.</returns>
    Task<ConversionStatus> GetStatusAsync(string fileId, CancellationToken cancellationToken = default);
}
