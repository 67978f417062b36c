using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client;

/// <summary>The outcome of <c>POST /v1/webhooks/test</c>.</summary>
public sealed class WebhookTestResult
{
    /// <summary>Whether the receiver responded with a 2xx status.</summary>
    [JsonPropertyName("delivered")]
    public bool? Delivered { get; init; }

    /// <summary>The HTTP status the receiver responded with, if it responded.</summary>
    [JsonPropertyName("status_code")]
    public int? StatusCode { get; init; }

    /// <summary>The URL the test event was sent to.</summary>
    [JsonPropertyName("url")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Url { get; init; }

    /// <summary>Fields the API sent that this version of the library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
