using System.Text;
using System.Text.Json.Nodes;
using ChangeThisFile.Samples.Lambda.Events;

namespace ChangeThisFile.Samples.Lambda.Tests.Infrastructure;

/// <summary>
/// An HTTP request as a client sends it to API Gateway, turned into the proxy event API Gateway
/// would invoke the function with. The JSON is written here by hand, independently of the
/// sample's own event types, so that a wrong property name cannot hide on both sides.
/// </summary>
internal sealed record TestHttpRequest(string Method, string Path)
{
    /// <summary>The route template, such as <c>/conversions/{fileId}</c>.</summary>
    public string? Route { get; init; }

    /// <summary>The headers in the order and case the client sent them; a name may repeat.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>The body bytes as the client sent them.</summary>
    public byte[]? Body { get; init; }

    /// <summary>Whether API Gateway base64-encodes the body, as it does for binary media types.</summary>
    public bool Base64 { get; init; }

    /// <summary>The path parameters API Gateway extracted from the route.</summary>
    public IReadOnlyDictionary<string, string> PathParameters { get; init; } = new Dictionary<string, string>();

    public static TestHttpRequest Json(string method, string path, string json) => new(method, path)
    {
        Headers = [new("Content-Type", "application/json")],
        Body = Encoding.UTF8.GetBytes(json),
    };

    /// <summary>Writes the proxy event of the given payload format.</summary>
    public byte[] ToEvent(ProxyFormat format) =>
        Encoding.UTF8.GetBytes((format == ProxyFormat.HttpApi ? HttpApiEvent() : RestApiEvent()).ToJsonString());

    private JsonObject HttpApiEvent()
    {
        // HTTP APIs lower-case header names and join repeated values with commas.
        var headers = new JsonObject();
        foreach (var group in Headers.GroupBy(header => header.Key.ToLowerInvariant()))
        {
            headers[group.Key] = string.Join(",", group.Select(header => header.Value));
        }

        var route = Route ?? Path;
        return new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = $"{Method} {route}",
            ["rawPath"] = Path,
            ["rawQueryString"] = string.Empty,
            ["headers"] = headers,
            ["pathParameters"] = PathParametersJson(),
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = "123456789012",
                ["apiId"] = "api1234567",
                ["domainName"] = "api1234567.execute-api.us-east-1.amazonaws.com",
                ["http"] = new JsonObject
                {
                    ["method"] = Method,
                    ["path"] = Path,
                    ["protocol"] = "HTTP/1.1",
                    ["sourceIp"] = "192.0.2.10",
                    ["userAgent"] = "test",
                },
                ["requestId"] = "req-" + Guid.NewGuid().ToString("N"),
                ["routeKey"] = $"{Method} {route}",
                ["stage"] = "$default",
                ["timeEpoch"] = 1767225600000,
            },
            ["body"] = BodyText(),
            ["isBase64Encoded"] = Base64,
        };
    }

    private JsonObject RestApiEvent()
    {
        // REST APIs keep header names as sent; the single-value map keeps the last value.
        var single = new JsonObject();
        var multi = new JsonObject();
        foreach (var group in Headers.GroupBy(header => header.Key))
        {
            single[group.Key] = group.Last().Value;
            multi[group.Key] = new JsonArray([.. group.Select(header => (JsonNode?)header.Value)]);
        }

        return new JsonObject
        {
            ["resource"] = Route ?? Path,
            ["path"] = Path,
            ["httpMethod"] = Method,
            ["headers"] = single,
            ["multiValueHeaders"] = multi,
            ["queryStringParameters"] = null,
            ["multiValueQueryStringParameters"] = null,
            ["pathParameters"] = PathParametersJson(),
            ["stageVariables"] = null,
            ["requestContext"] = new JsonObject
            {
                ["resourcePath"] = Route ?? Path,
                ["httpMethod"] = Method,
                ["path"] = "/prod" + Path,
                ["stage"] = "prod",
                ["requestId"] = "req-" + Guid.NewGuid().ToString("N"),
                ["identity"] = new JsonObject { ["sourceIp"] = "192.0.2.10" },
            },
            ["body"] = BodyText(),
            ["isBase64Encoded"] = Base64,
        };
    }

    private JsonObject? PathParametersJson()
    {
        if (PathParameters.Count == 0)
        {
            return null;
        }

        var parameters = new JsonObject();
        foreach (var (name, value) in PathParameters)
        {
            parameters[name] = value;
        }

        return parameters;
    }

    private string? BodyText() => Body is null ? null
        : Base64 ? Convert.ToBase64String(Body)
        : Encoding.UTF8.GetString(Body);
}
