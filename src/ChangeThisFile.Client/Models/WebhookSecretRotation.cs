using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client;

/// <summary>The new webhook signing secret returned by <c>POST /v1/webhooks/secret</c>.</summary>
/// <remarks>The API keeps only a hash, so this response is the only place the secret appears.</remarks>
public sealed class WebhookSecretRotation
{
    /// <summary>The new signing secret (<c>whsec_...</c>).</summary>
    [JsonPropertyName("secret")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Secret { get; init; }

    /// <summary>When the new secret was created.</summary>
    [JsonPropertyName("created_at")]
    [JsonConverter(typeof(LenientDateTimeOffsetConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Fields the API sent that this version of the library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
