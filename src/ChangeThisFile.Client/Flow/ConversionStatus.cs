using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Flow;

/// <summary>
/// The status of one file. <see cref="ToString"/> leaves the download URL out, so the status can
/// be logged.
/// </summary>
public sealed class ConversionStatus
{
    /// <summary>The file id as requested; quoted safely when it was invalid.</summary>
    [JsonPropertyName("file_id")]
    public required string FileId { get; init; }

    /// <summary>The state of the file.</summary>
    [JsonPropertyName("status")]
    public required ConversionState State { get; init; }

    /// <summary>Whether the file is processing because its upload has not been submitted yet.</summary>
    [JsonPropertyName("awaiting_upload")]
    public bool AwaitingUpload { get; init; }

    /// <summary>The API's job id, once the file was submitted.</summary>
    [JsonPropertyName("job_id")]
    public string? JobId { get; init; }

    /// <summary>
    /// A presigned URL of the application's own storage that downloads the result, when done. It
    /// grants read access until <see cref="DownloadExpiresAt"/>.
    /// </summary>
    [JsonPropertyName("download_url")]
    public Uri? DownloadUrl { get; init; }

    /// <summary>When <see cref="DownloadUrl"/> stops working.</summary>
    [JsonPropertyName("download_expires_at")]
    public DateTimeOffset? DownloadExpiresAt { get; init; }

    /// <summary>The file name offered for the result: the uploaded name with the target extension.</summary>
    [JsonPropertyName("file_name")]
    public string? FileName { get; init; }

    /// <summary>The size of the result in bytes, when done.</summary>
    [JsonPropertyName("size")]
    public long? Size { get; init; }

    /// <summary>The API's error, when failed.</summary>
    [JsonPropertyName("error")]
    public ConversionError? Error { get; init; }

    /// <summary>Why the file was not found, when <see cref="State"/> is not found.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Returns the file id, state and job id; never the download URL.</summary>
    public override string ToString() => $"{State} (file {FileId}, job {JobId ?? "none"})";
}
