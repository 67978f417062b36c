using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client;

/// <summary>A free-tier key issued by <c>POST /v1/keys/free</c>.</summary>
/// <remarks>The API shows the key only once; store it in a secret store at once and never log it.</remarks>
public sealed class FreeApiKey
{
    /// <summary>The secret API key (<c>ctf_sk_...</c>).</summary>
    [JsonPropertyName("api_key")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? ApiKey { get; init; }

    /// <summary>The plan of the key, <c>free</c>.</summary>
    [JsonPropertyName("plan")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Plan { get; init; }

    /// <summary>Conversions allowed per month.</summary>
    [JsonPropertyName("monthly_limit")]
    public long? MonthlyLimit { get; init; }

    /// <summary>The API's reminder text.</summary>
    [JsonPropertyName("message")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Message { get; init; }

    /// <summary>Fields the API sent that this version of the library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
