namespace ChangeThisFile.Client;

/// <summary>
/// A typed client of the ChangeThisFile conversion API. Implementations are thread-safe; every
/// method is asynchronous and stops when its <see cref="CancellationToken"/> is cancelled.
/// </summary>
/// <remarks>
/// <para>Failures surface as these exceptions:</para>
/// <list type="bullet">
/// <item>
/// <see cref="ConversionApiException"/>: the API (or a gateway) returned an unsuccessful status, after retries.
/// </item>
/// <item><see cref="ConversionTimeoutException"/>: one of the client's own limits expired.</item>
/// <item>
/// <see cref="OperationCanceledException"/> carrying the caller's token: the caller cancelled; never retried.
/// </item>
/// <item><see cref="HttpRequestException"/>: the connection failed, after retries.</item>
/// <item><see cref="UploadNotReplayableException"/>: a forward-only upload failed after its bytes were read.</item>
/// <item>
/// <see cref="DownloadUrlRejectedException"/> and <see cref="IncompleteDownloadException"/>: downloads only.
/// </item>
/// <item><see cref="ArgumentException"/>: invalid input, before anything is sent.</item>
/// </list>
/// </remarks>
public interface IConversionClient
{
    /// <summary>
    /// Converts a file synchronously (<c>POST /v1/convert</c>) and streams the converted bytes back.
    /// </summary>
    /// <param name="request">The file, target format and options.</param>
    /// <param name="cancellationToken">Cancels the upload and the wait for the response headers.</param>
    /// <returns>The converted file; read its <see cref="ConversionResult.Content"/> and dispose it.</returns>
    Task<ConversionResult> ConvertAsync(ConvertRequest request, CancellationToken cancellationToken = default);

    /// <summary>Submits a conversion job with the file uploaded in the request (<c>POST /v1/jobs</c>).</summary>
    /// <param name="request">The file, target format, webhook and options.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>The id, status and status URL of the new job.</returns>
    Task<JobHandle> SubmitJobAsync(JobUploadRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Submits a conversion job that the API fetches from a URL (<c>POST /v1/jobs</c> with <c>file_url</c>).
    /// </summary>
    /// <param name="request">The input URL, target format, webhook and options.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>The id, status and status URL of the new job.</returns>
    Task<JobHandle> SubmitJobFromUrlAsync(JobUrlRequest request, CancellationToken cancellationToken = default);

    /// <summary>Gets the status of a job (<c>GET /v1/jobs/{job_id}</c>).</summary>
    /// <param name="jobId">The job id returned at submission.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The job; a completed job carries a freshly signed result URL.</returns>
    Task<ConversionJob> GetJobAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>Lists the account's jobs, newest first, requesting further pages as the caller enumerates.</summary>
    /// <param name="options">Page size and a cursor to continue from.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The jobs, one page requested at a time.</returns>
    IAsyncEnumerable<ConversionJob> ListJobsAsync(
        JobListOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Polls a job until it reaches a terminal status (<c>completed</c> or <c>failed</c>), with
    /// exponential back-off and jitter, honouring <c>Retry-After</c>. Unknown statuses keep the
    /// polling going. Needs only the job id, so it can resume a wait after a restart.
    /// </summary>
    /// <param name="jobId">The job id returned at submission.</param>
    /// <param name="options">The deadline, poll intervals and a progress callback.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>
    /// The job in its terminal status; a failed job is returned, not thrown, with its
    /// <see cref="ConversionJob.Error"/>.
    /// </returns>
    /// <exception cref="ConversionTimeoutException">
    /// The job did not finish within <see cref="JobWaitOptions.Timeout"/>.
    /// </exception>
    Task<ConversionJob> WaitForCompletionAsync(
        string jobId, JobWaitOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads a file, such as a job's result URL, into a stream. The body is streamed and its
    /// length checked against <c>Content-Length</c>. No download carries the API key, not even one
    /// from the API's own origin, because result URLs are signed.
    /// </summary>
    /// <param name="url">The URL to download; off the API's origin it must pass the download URL checks.</param>
    /// <param name="destination">A writable stream; the caller keeps ownership.</param>
    /// <param name="options">Progress reporting.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>The number of bytes written and the media type.</returns>
    Task<DownloadResult> DownloadAsync(
        Uri url, Stream destination, DownloadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Downloads a file into <paramref name="path"/>: the bytes go to a temporary file in the same
    /// directory, which is moved into place only when the download is complete.
    /// </summary>
    /// <param name="url">The URL to download; off the API's origin it must pass the download URL checks.</param>
    /// <param name="path">The target file path; its directory must exist.</param>
    /// <param name="options">Progress reporting and whether to replace an existing file.</param>
    /// <param name="cancellationToken">Cancels the download; the temporary file is deleted.</param>
    /// <returns>The number of bytes written and the media type.</returns>
    Task<DownloadResult> DownloadToFileAsync(
        Uri url, string path, DownloadOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Gets the plan and the consumption of the current period (<c>GET /v1/usage</c>).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The usage figures.</returns>
    Task<AccountUsage> GetUsageAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Requests a free-tier API key for an email address (<c>POST /v1/keys/free</c>); this call
    /// sends no API key.
    /// </summary>
    /// <param name="email">The email address to register.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new key, shown only once.</returns>
    Task<FreeApiKey> CreateFreeApiKeyAsync(string email, CancellationToken cancellationToken = default);

    /// <summary>
    /// Rotates the API key (<c>POST /v1/keys/rotate</c>). Not retried once the request may have
    /// reached the server, because a repeat would rotate again.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new key.</returns>
    Task<ApiKeyRotation> RotateApiKeyAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Rotates the webhook signing secret (<c>POST /v1/webhooks/secret</c>). Not retried once the
    /// request may have reached the server.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new secret.</returns>
    Task<WebhookSecretRotation> RotateWebhookSecretAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Asks the API to send a <c>webhook.test</c> event to a receiver (<c>POST /v1/webhooks/test</c>).
    /// </summary>
    /// <param name="webhookUrl">The absolute URL of the receiver.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Whether the receiver accepted the event.</returns>
    Task<WebhookTestResult> SendTestWebhookAsync(Uri webhookUrl, CancellationToken cancellationToken = default);
}
