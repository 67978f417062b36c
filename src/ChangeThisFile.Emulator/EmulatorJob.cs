namespace ChangeThisFile.Emulator;

/// <summary>A snapshot of one job as the emulator stores it, for inspection from tests.</summary>
public sealed record EmulatorJob
{
    /// <summary>The job id, a lowercase hyphenated UUID.</summary>
    public required string JobId { get; init; }

    /// <summary><c>queued</c>, <c>processing</c>, <c>completed</c> or <c>failed</c>.</summary>
    public required string Status { get; init; }

    /// <summary>Whether the job is <c>completed</c> or <c>failed</c>.</summary>
    public bool IsTerminal => Status is "completed" or "failed";

    /// <summary>
    /// The canonical source format; null while a <c>file_url</c> without an extension is
    /// not yet fetched.
    /// </summary>
    public string? SourceFormat { get; init; }

    /// <summary>The canonical target format.</summary>
    public required string TargetFormat { get; init; }

    /// <summary>When the job was created, to the second.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the job last changed status, to the second.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The name of the uploaded file as the request sent it, or the last segment of
    /// <c>file_url</c>.
    /// </summary>
    public string? InputFileName { get; init; }

    /// <summary>The <c>file_url</c> the job fetches its input from, when submitted by URL.</summary>
    public Uri? FileUrl { get; init; }

    /// <summary>The size of the input in bytes; 0 until a <c>file_url</c> has been fetched.</summary>
    public long InputSize { get; init; }

    /// <summary>The requested quality from 1 to 100, when sent.</summary>
    public int? Quality { get; init; }

    /// <summary>Where the job's webhook goes, when requested.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>The <c>webhook_metadata</c> JSON object as sent, when given.</summary>
    public string? Metadata { get; init; }

    /// <summary>The <c>Idempotency-Key</c> the job was created with, when sent.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>The file name of the result: the input's base name and the target extension.</summary>
    public required string ResultFileName { get; init; }

    /// <summary>The size of the result in bytes, once completed.</summary>
    public long? ResultSize { get; init; }

    /// <summary>The conversion time in milliseconds, once completed.</summary>
    public long? DurationMilliseconds { get; init; }

    /// <summary>The <c>error.code</c> of a failed job.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The <c>error.message</c> of a failed job.</summary>
    public string? ErrorMessage { get; init; }
}
