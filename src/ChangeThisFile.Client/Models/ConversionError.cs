using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client;

/// <summary>
/// The error object the API sends: inside the error envelope of a failed request, on a failed
/// job, and in a <c>job.failed</c> webhook event.
/// </summary>
public sealed class ConversionError
{
    /// <summary>The machine-readable code, such as <c>conversion_failed</c>.</summary>
    [JsonPropertyName("code")]
    public ConversionErrorCode Code { get; init; }

    /// <summary>Human-readable text. Its wording may change; branch on <see cref="Code"/> instead.</summary>
    [JsonPropertyName("message")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Message { get; init; }

    /// <summary>
    /// Optional structured context, such as <c>limit</c>, <c>used</c>, <c>retry_after</c> or
    /// <c>route</c>; <see langword="null"/> when absent.
    /// </summary>
    [JsonPropertyName("details")]
    public JsonElement? Details { get; init; }

    /// <summary>Fields the API sent that this version of the library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Returns <c>code: message</c>.</summary>
    public override string ToString() =>
        Message is null ? Code.Value : $"{Code.Value}: {Message}";
}
