using System.Text.Json.Serialization;

namespace ChangeThisFile.Samples.Lambda.Events;

/// <summary>The response to an API Gateway HTTP API proxy request (payload format 2.0).</summary>
public sealed class ApiGatewayHttpApiResponse
{
    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("statusCode")]
    public int StatusCode { get; set; }

    /// <summary>The response headers.</summary>
    [JsonPropertyName("headers")]
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>The body as text, or base64 when <see cref="IsBase64Encoded"/> is set.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Whether <see cref="Body"/> is base64.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }
}

/// <summary>The response to an API Gateway REST API proxy request (payload format 1.0).</summary>
public sealed class ApiGatewayRestApiResponse
{
    /// <summary>The HTTP status code.</summary>
    [JsonPropertyName("statusCode")]
    public int StatusCode { get; set; }

    /// <summary>The response headers.</summary>
    [JsonPropertyName("headers")]
    public Dictionary<string, string>? Headers { get; set; }

    /// <summary>The body as text, or base64 when <see cref="IsBase64Encoded"/> is set.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Whether <see cref="Body"/> is base64.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }
}
