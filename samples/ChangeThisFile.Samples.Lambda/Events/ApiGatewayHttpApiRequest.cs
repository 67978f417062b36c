using System.Text.Json.Serialization;

namespace ChangeThisFile.Samples.Lambda.Events;

/// <summary>
/// The fields this sample reads from an API Gateway HTTP API proxy request (payload format 2.0).
/// HTTP APIs lower-case header names and join repeated headers with commas.
/// </summary>
public sealed class ApiGatewayHttpApiRequest
{
    /// <summary>The payload format version, <c>2.0</c>.</summary>
    [JsonPropertyName("version")]
    public string? Version { get; set; }

    /// <summary>The matched route, such as <c>POST /webhooks/changethisfile</c>.</summary>
    [JsonPropertyName("routeKey")]
    public string? RouteKey { get; set; }

    /// <summary>The request path without the query string.</summary>
    [JsonPropertyName("rawPath")]
    public string? RawPath { get; set; }

    /// <summary>The request headers, names in lower case, repeated values joined with commas.</summary>
    [JsonPropertyName("headers")]
    public Dictionary<string, string?>? Headers { get; set; }

    /// <summary>The values of the route's path parameters, such as <c>fileId</c>.</summary>
    [JsonPropertyName("pathParameters")]
    public Dictionary<string, string?>? PathParameters { get; set; }

    /// <summary>The request context; the HTTP method is in <c>http.method</c>.</summary>
    [JsonPropertyName("requestContext")]
    public HttpApiRequestContext? RequestContext { get; set; }

    /// <summary>The body as text, or base64 when <see cref="IsBase64Encoded"/> is set.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; set; }

    /// <summary>Whether API Gateway base64-encoded the body.</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; set; }
}

/// <summary>The request context of an HTTP API proxy request.</summary>
public sealed class HttpApiRequestContext
{
    /// <summary>API Gateway's id of the request.</summary>
    [JsonPropertyName("requestId")]
    public string? RequestId { get; set; }

    /// <summary>The HTTP method and path.</summary>
    [JsonPropertyName("http")]
    public HttpApiHttpDescription? Http { get; set; }
}

/// <summary>The <c>requestContext.http</c> object of an HTTP API proxy request.</summary>
public sealed class HttpApiHttpDescription
{
    /// <summary>The HTTP method, such as <c>POST</c>.</summary>
    [JsonPropertyName("method")]
    public string? Method { get; set; }

    /// <summary>The request path.</summary>
    [JsonPropertyName("path")]
    public string? Path { get; set; }
}
