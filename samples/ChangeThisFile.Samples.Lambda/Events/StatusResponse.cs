using System.Text.Json.Serialization;
using ChangeThisFile.Client.Flow;

namespace ChangeThisFile.Samples.Lambda.Events;

/// <summary>
/// The body of the status response: the fields of <see cref="ConversionStatus"/> under the same
/// JSON names.
/// </summary>
/// <remarks>
/// NOTE: <see cref="ConversionStatus"/> and <see cref="SubmitResult"/> carry JSON converters that
/// are internal to the client library, so a source-generated context outside it cannot include
/// them; these records copy their fields instead.
/// </remarks>
public sealed class StatusResponse
{
    /// <summary>The file id as requested.</summary>
    [JsonPropertyName("file_id")]
    public required string FileId { get; init; }

    /// <summary>The state of the file: <c>processing</c>, <c>done</c>, <c>failed</c> or <c>not_found</c>.</summary>
    [JsonPropertyName("status")]
    public required ConversionState State { get; init; }

    /// <summary>Whether the file is processing because its upload has not been submitted yet.</summary>
    [JsonPropertyName("awaiting_upload")]
    public bool AwaitingUpload { get; init; }

    /// <summary>The API's job id, once the file was submitted.</summary>
    [JsonPropertyName("job_id")]
    public string? JobId { get; init; }

    /// <summary>A presigned URL of the bucket that downloads the result, when done.</summary>
    [JsonPropertyName("download_url")]
    public Uri? DownloadUrl { get; init; }

    /// <summary>When <see cref="DownloadUrl"/> stops working.</summary>
    [JsonPropertyName("download_expires_at")]
    public DateTimeOffset? DownloadExpiresAt { get; init; }

    /// <summary>The file name offered for the result.</summary>
    [JsonPropertyName("file_name")]
    public string? FileName { get; init; }

    /// <summary>The size of the result in bytes, when done.</summary>
    [JsonPropertyName("size")]
    public long? Size { get; init; }

    /// <summary>The API's error, when failed.</summary>
    [JsonPropertyName("error")]
    public ErrorDetail? Error { get; init; }

    /// <summary>Why the file was not found.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Copies a status.</summary>
    /// <param name="status">The flow's status.</param>
    /// <returns>The response body.</returns>
    public static StatusResponse From(ConversionStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new StatusResponse
        {
            FileId = status.FileId,
            State = status.State,
            AwaitingUpload = status.AwaitingUpload,
            JobId = status.JobId,
            DownloadUrl = status.DownloadUrl,
            DownloadExpiresAt = status.DownloadExpiresAt,
            FileName = status.FileName,
            Size = status.Size,
            Error = status.Error is { } error ? new ErrorDetail(error.Code.Value, error.Message ?? string.Empty) : null,
            Message = status.Message,
        };
    }
}
