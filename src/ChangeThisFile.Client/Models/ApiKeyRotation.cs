using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client;

/// <summary>The new API key returned by <c>POST /v1/keys/rotate</c>.</summary>
/// <remarks>
/// After rotation the key this client sent may stop working. Store <see cref="ApiKey"/> and
/// update <see cref="ConversionClientOptions.ApiKey"/> (the client reads it for every request
/// through <c>IOptionsMonitor</c>, so a configuration reload takes effect without a restart).
/// </remarks>
public sealed class ApiKeyRotation
{
    /// <summary>The new secret API key (<c>ctf_sk_...</c>).</summary>
    [JsonPropertyName("api_key")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? ApiKey { get; init; }

    /// <summary>When the new key was created.</summary>
    [JsonPropertyName("created_at")]
    [JsonConverter(typeof(LenientDateTimeOffsetConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Fields the API sent that this version of the library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
