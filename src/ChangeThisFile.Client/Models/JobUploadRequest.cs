namespace ChangeThisFile.Client;

/// <summary>A conversion job whose input is uploaded with the request (<c>POST /v1/jobs</c>).</summary>
/// <param name="content">The file to convert.</param>
/// <param name="target">The target format as a file extension, such as <c>webp</c> or <c>pdf</c>.</param>
public sealed class JobUploadRequest(UploadContent content, string target)
{
    /// <summary>The file to convert.</summary>
    public UploadContent Content { get; } = content ?? throw new ArgumentNullException(nameof(content));

    /// <summary>The target format as a file extension, such as <c>webp</c> (case-insensitive).</summary>
    public string Target { get; } = target ?? throw new ArgumentNullException(nameof(target));

    /// <summary>The source format, needed only when the file name has no telling extension.</summary>
    public string? Source { get; init; }

    /// <summary>The quality preset for lossy outputs, from 1 to 100.</summary>
    public int? Quality { get; init; }

    /// <summary>The absolute URL the API posts the signed <c>job.completed</c> or <c>job.failed</c> event to.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>
    /// Values the API echoes back in the webhook event and the job status (as <c>metadata</c>),
    /// sent as a JSON object in the <c>webhook_metadata</c> field.
    /// </summary>
    public IReadOnlyDictionary<string, string>? WebhookMetadata { get; init; }

    /// <summary>
    /// The <c>Idempotency-Key</c> to send: at most 128 characters from <c>A-Z a-z 0-9 . _ - : + /</c>.
    /// When <see langword="null"/>, the client generates one per call; every retry reuses it.
    /// </summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Receives the progress of the upload.</summary>
    public IProgress<TransferProgress>? UploadProgress { get; init; }
}
