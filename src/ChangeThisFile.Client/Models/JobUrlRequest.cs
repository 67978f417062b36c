namespace ChangeThisFile.Client;

/// <summary>
/// A conversion job whose input the API fetches from a URL (<c>POST /v1/jobs</c> with <c>file_url</c>),
/// such as a presigned GET URL of the application's own storage.
/// </summary>
/// <param name="fileUrl">The absolute http or https URL of the input file.</param>
/// <param name="target">The target format as a file extension, such as <c>webp</c> or <c>pdf</c>.</param>
public sealed class JobUrlRequest(Uri fileUrl, string target)
{
    /// <summary>The absolute http or https URL of the input file.</summary>
    public Uri FileUrl { get; } = fileUrl ?? throw new ArgumentNullException(nameof(fileUrl));

    /// <summary>The target format as a file extension, such as <c>webp</c> (case-insensitive).</summary>
    public string Target { get; } = target ?? throw new ArgumentNullException(nameof(target));

    /// <summary>The source format, needed only when the URL path has no telling extension.</summary>
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
    /// Pass a key derived from your own record id to make a resubmission after a crash safe.
    /// </summary>
    public string? IdempotencyKey { get; init; }
}
