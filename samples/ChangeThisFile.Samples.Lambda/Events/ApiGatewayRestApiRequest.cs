using System.Text.Json.Serialization;

namespace ChangeThisFile.Samples.Lambda.Events;

/// <summary>
/// The fields this sample reads from an API Gateway REST API proxy request (payload format
/// 1.0, also sent by HTTP APIs configured for that format). Header names keep the case the
/// client sent; repeated headers appear in <see cref="MultiValueHeaders"/>.
/// </summary>
public sealed class ApiGatewayRestApiRequest
{
    /// <summary>The payload format version: <c>1.0</c> from an HTTP API, absent from a REST API.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>The matched resource, such as <c>/conversions/{fileId}</c>.</summary>
    [JsonPropertyName("resource")]
    public string? Resource { get; set; }

    /// <summary>The request path.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }

    /// <summary>The HTTP method, such as <c>POST</c>.</summary>
    [JsonPropertyName("httpMethod")]
    public string? HttpMethod { get; set; }

    /// <summary>The last value of each request header.</summary>
    [JsonPropertyName("headers")]
    public Dictionary<string, string?>? Headers { get; set; }

    /// <summary>Every value of each request header.</summary>
    [JsonPropertyName("multiValueHeaders")]
    public Dictionary<string, List<string?>?>? MultiValueHeaders { get; set; }

    /// <summary>The values of the resource's path parameters, such as <c>fileId</c>.</summary>
    [JsonPropertyName("pathParameters")]
    public Dictionary<string, string?>? PathParameters { get; set; }

    /// <summary>The request context.</summary>
    [JsonPropertyName("requestContext")]
    public RestApiRequestContext? RequestContext { get; set; }

    /// <summary>The body as text, or base64 when <see cref="IsBase64Encoded"/> is set.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Whether API Gateway base64-encoded the body, as it does for binary media types.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }
}

/// <summary>The request context of a REST API proxy request.</summary>
public sealed class RestApiRequestContext
{
    /// <summary>API Gateway's id of the request.</summary>
    [JsonPropertyName("requestId")]
    public string? RequestId { get; set; }

    /// <summary>The HTTP method.</summary>
    [JsonPropertyName("httpMethod")]
    public string? HttpMethod { get; set; }
}
