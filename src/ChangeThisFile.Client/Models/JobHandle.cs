using System.Text.Json;
using System.Text.Json.Serialization;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client;

/// <summary>The API's answer to a submitted job (<c>202 Accepted</c>).</summary>
public sealed class JobHandle
{
    /// <summary>The id of the new job; pass it to the status, wait and download methods.</summary>
    [JsonPropertyName("job_id")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string JobId { get; init; } = string.Empty;

    /// <summary>The status at submission, <c>queued</c> on the current API.</summary>
    [JsonPropertyName("status")]
    public JobStatus Status { get; init; }

    /// <summary>The absolute URL of the job's status, as the API sent it.</summary>
    [JsonPropertyName("status_url")]
    [JsonConverter(typeof(LenientStringConverter))]
    public string? StatusUrl { get; init; }

    /// <summary>The <c>Idempotency-Key</c> the submission carried; the same key on every attempt.</summary>
    [JsonIgnore]
    public string? IdempotencyKey { get; init; }

    /// <summary>The <c>Location</c> response header, which carries the status URL too.</summary>
    [JsonIgnore]
    public Uri? Location { get; init; }

    /// <summary>The rate-limit figures of the response, when it carried them.</summary>
    [JsonIgnore]
    public RateLimitInfo? RateLimit { get; init; }

    /// <summary>Fields the API sent that this version of the library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
