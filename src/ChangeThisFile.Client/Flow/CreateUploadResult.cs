using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Flow;

/// <summary>
/// A new file id and the presigned request that uploads the file straight to storage. Return it to
/// the uploader; <see cref="ToString"/> leaves the URL out, so the result can be logged.
/// </summary>
public sealed class CreateUploadResult
{
    /// <summary>The new file id; pass it to the submit and status steps.</summary>
    [JsonPropertyName("file_id")]
    public required string FileId { get; init; }

    /// <summary>The normalized target format, such as <c>webp</c>.</summary>
    [JsonPropertyName("target")]
    public required string Target { get; init; }

    /// <summary>The presigned upload URL. It grants write access to one key until <see cref="ExpiresAt"/>.</summary>
    [JsonPropertyName("upload_url")]
    public required Uri UploadUrl { get; init; }

    /// <summary>The HTTP method of the upload, <c>PUT</c>.</summary>
    [JsonPropertyName("method")]
    public required string Method { get; init; }

    /// <summary>The headers the uploader must send with exactly these values, such as <c>Content-Type</c>.</summary>
    [JsonPropertyName("headers")]
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>When the upload URL stops working.</summary>
    [JsonPropertyName("expires_at")]
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The largest upload accepted, in bytes.</summary>
    [JsonPropertyName("max_size_bytes")]
    public required long MaxSizeBytes { get; init; }

    /// <summary>Returns the file id, target and expiry; never the signed URL.</summary>
    public override string ToString() => $"upload {FileId} to {Target}, expires {ExpiresAt:O}";
}
