using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Flow;

/// <summary>What a user asks for when starting a conversion: the file they will upload and the target format.</summary>
/// <param name="fileName">
/// The name of the user's file, such as <c>Report (final).docx</c>. Any folder part is dropped; the
/// name is kept in the record to name the result and never used in an object key.
/// </param>
/// <param name="target">The target format, one of <see cref="ConversionFlowOptions.AllowedTargets"/>.</param>
/// <remarks>
/// As JSON: <c>{"file_name": ..., "target": ..., "content_type": ..., "size": ..., "metadata": {...}}</c>.
/// </remarks>
[method: JsonConstructor]
public sealed class CreateUploadRequest(string fileName, string target)
{
    /// <summary>The longest file name accepted, in characters.</summary>
    public const int MaxFileNameLength = 255;

    /// <summary>The most metadata entries accepted.</summary>
    public const int MaxMetadataEntries = 16;

    /// <summary>The longest metadata key accepted, in characters.</summary>
    public const int MaxMetadataKeyLength = 64;

    /// <summary>The longest metadata value accepted, in characters.</summary>
    public const int MaxMetadataValueLength = 1024;

    /// <summary>The name of the user's file; see the constructor.</summary>
    [JsonPropertyName("file_name")]
    public string FileName { get; } = fileName;

    /// <summary>The target format, such as <c>webp</c>; matched without regard to case or a leading dot.</summary>
    [JsonPropertyName("target")]
    public string Target { get; } = target;

    /// <summary>
    /// The media type the upload will carry, such as <c>image/png</c>. When set, the upload URL is
    /// signed for it and the uploader must send exactly this <c>Content-Type</c>.
    /// </summary>
    [JsonPropertyName("content_type")]
    public string? ContentType { get; init; }

    /// <summary>
    /// The size the user declares in bytes, checked against <see cref="ConversionFlowOptions.MaxUploadSizeBytes"/>.
    /// </summary>
    [JsonPropertyName("size")]
    public long? Size { get; init; }

    /// <summary>
    /// Application values stored with the record, such as a user id: at most 16 entries, keys of
    /// letters, digits, <c>.</c>, <c>-</c> and <c>_</c> not starting with <c>ctf.</c>. They are not sent to the API.
    /// </summary>
    [JsonPropertyName("metadata")]
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
