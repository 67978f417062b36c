using System.Text.Json.Serialization;

namespace ChangeThisFile.Samples.AspNetCore.Api;

/// <summary>The body of <c>POST /api/uploads</c>.</summary>
/// <param name="FileName">The user's file name, such as <c>people.csv</c>.</param>
/// <param name="Target">The target format, such as <c>json</c>.</param>
/// <param name="ContentType">The media type the upload will carry; the upload URL is signed for it.</param>
/// <param name="Size">The file's size in bytes, checked against <c>ConversionFlow:MaxUploadSizeBytes</c>.</param>
internal sealed record CreateUploadBody(
    [property: JsonPropertyName("file_name")] string? FileName,
    [property: JsonPropertyName("target")] string? Target,
    [property: JsonPropertyName("content_type")] string? ContentType,
    [property: JsonPropertyName("size")] long? Size);

/// <summary>The body of <c>GET /api/formats</c>: what the page offers.</summary>
/// <param name="Targets">The allowed target formats.</param>
/// <param name="MaxUploadSizeBytes">The largest upload accepted.</param>
internal sealed record FormatsResponse(
    [property: JsonPropertyName("targets")] IReadOnlyList<string> Targets,
    [property: JsonPropertyName("max_upload_size_bytes")] long MaxUploadSizeBytes);

/// <summary>
/// Source-generated JSON for the sample's own types; the flow's types come from
/// <c>ConversionFlowJsonContext</c>, next in the resolver chain.
/// </summary>
[JsonSerializable(typeof(CreateUploadBody))]
[JsonSerializable(typeof(FormatsResponse))]
[JsonSerializable(typeof(Diagnostics.WebhookCountsResponse))]
internal sealed partial class SampleJsonContext : JsonSerializerContext;
