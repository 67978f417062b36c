using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client;

/// <summary>The <c>result</c> object of a completed job.</summary>
public sealed class JobResult
{
    /// <summary>
    /// The signed URL of the converted file. Treat it as a secret until it expires (24 hours per
    /// the API documentation): its query string grants access.
    /// </summary>
    [JsonPropertyName("file_url")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? FileUrl { get; init; }

    /// <summary>The size of the converted file in bytes.</summary>
    [JsonPropertyName("size")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? Size { get; init; }

    /// <summary>How long the conversion took, in milliseconds.</summary>
    [JsonPropertyName("duration_ms")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? DurationMilliseconds { get; init; }

    /// <summary>The source format (file extension), such as <c>png</c>.</summary>
    [JsonPropertyName("source_format")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? SourceFormat { get; init; }

    /// <summary>The target format (file extension), such as <c>webp</c>.</summary>
    [JsonPropertyName("target_format")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? TargetFormat { get; init; }

    /// <summary>Fields the API sent that this version of the library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
