using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client;

/// <summary>A conversion job as returned by <c>GET /v1/jobs/{job_id}</c> and the job list.</summary>
/// <remarks>
/// Reading a job never throws on values this version does not know: an unknown or missing
/// status is kept in <see cref="Status"/> (empty when <c>null</c>, raw JSON text when a number),
/// and unknown fields land in <see cref="AdditionalProperties"/>.
/// </remarks>
public sealed class ConversionJob
{
    /// <summary>The job id, a lowercase hyphenated UUID on the current API.</summary>
    [JsonPropertyName("job_id")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string JobId { get; init; } = string.Empty;

    /// <summary>The status; only <c>completed</c> and <c>failed</c> are terminal.</summary>
    [JsonPropertyName("status")]
    public JobStatus Status { get; init; }

    /// <summary>When the job was created; <see langword="null"/> when absent or not a valid date.</summary>
    [JsonPropertyName("created_at")]
    [JsonConverter(typeof(LenientDateTimeOffsetConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the job last changed; <see langword="null"/> when absent or not a valid date.</summary>
    [JsonPropertyName("updated_at")]
    [JsonConverter(typeof(LenientDateTimeOffsetConverter))]
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>The source format (file extension), such as <c>png</c>.</summary>
    [JsonPropertyName("source_format")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? SourceFormat { get; init; }

    /// <summary>The target format (file extension), such as <c>webp</c>.</summary>
    [JsonPropertyName("target_format")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? TargetFormat { get; init; }

    /// <summary>The result, present when the job completed.</summary>
    [JsonPropertyName("result")]
    [JsonConverter(typeof(LenientObjectConverter<JobResult>))]
    public JobResult? Result { get; init; }

    /// <summary>Why the job failed, present when it failed.</summary>
    [JsonPropertyName("error")]
    [JsonConverter(typeof(LenientObjectConverter<ConversionError>))]
    public ConversionError? Error { get; init; }

    /// <summary>The echo of the <c>webhook_metadata</c> sent with the job, when there was one.</summary>
    [JsonPropertyName("metadata")]
    public JsonElement? Metadata { get; init; }

    /// <summary>Fields the API sent that this version of the library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
