using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Serialization;

/// <summary>The body of <c>POST /v1/keys/free</c>.</summary>
internal sealed class FreeKeyRequest
{
    [JsonPropertyName("email")]
    public required string Email { get; init; }
}

/// <summary>The body of <c>POST /v1/webhooks/test</c>.</summary>
internal sealed class WebhookTestRequest
{
    [JsonPropertyName("url")]
    public required string Url { get; init; }
}
