using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client;

/// <summary>The plan and monthly consumption returned by <c>GET /v1/usage</c>.</summary>
/// <remarks>
/// The API documentation does not describe this body; fields under other names are kept in
/// <see cref="AdditionalProperties"/>.
/// </remarks>
public sealed class AccountUsage
{
    /// <summary>The plan name, such as <c>free</c>.</summary>
    [JsonPropertyName("plan")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? Plan { get; init; }

    /// <summary>Conversions used in the current period.</summary>
    [JsonPropertyName("conversions_used")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? ConversionsUsed { get; init; }

    /// <summary>Conversions allowed per period.</summary>
    [JsonPropertyName("conversions_limit")]
    [JsonConverter(typeof(LenientInt64Converter))]
    public long? ConversionsLimit { get; init; }

    /// <summary>When the current period started.</summary>
    [JsonPropertyName("period_start")]
    [JsonConverter(typeof(LenientDateTimeOffsetConverter))]
    public DateTimeOffset? PeriodStart { get; init; }

    /// <summary>When the current period ends and the allowance resets.</summary>
    [JsonPropertyName("period_end")]
    [JsonConverter(typeof(LenientDateTimeOffsetConverter))]
    public DateTimeOffset? PeriodEnd { get; init; }

    /// <summary>Fields the API sent that this version of the library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
