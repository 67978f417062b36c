using System.Text;

namespace ChangeThisFile.Samples.Lambda.Events;

/// <summary>
/// An API Gateway proxy request in either payload format, reduced to what the handlers use:
/// method, path parameters, headers looked up without regard to case, and the raw body bytes.
/// </summary>
public sealed class ProxyRequest
{
    private readonly Dictionary<string, List<string>> _headers;
    private readonly IReadOnlyDictionary<string, string?> _pathParameters;
    private readonly string? _body;
    private readonly bool _isBase64Encoded;

    internal ProxyRequest(
        ProxyFormat format,
        string? method,
        Dictionary<string, List<string>> headers,
        IReadOnlyDictionary<string, string?>? pathParameters,
        string? body,
        bool isBase64Encoded)
    {
        Format = format;
        Method = method ?? string.Empty;
        _headers = headers;
        _pathParameters = pathParameters ?? new Dictionary<string, string?>();
        _body = body;
        _isBase64Encoded = isBase64Encoded;
    }

    /// <summary>The payload format, which the response is written in.</summary>
    public ProxyFormat Format { get; }

    /// <summary>The HTTP method in upper case, such as <c>POST</c>; empty when the event has none.</summary>
    public string Method { get; }

    /// <summary>
    /// Returns a path parameter, such as <c>fileId</c>, or null when the route has none by that name.
    /// </summary>
    /// <param name="name">The parameter name as written in the route.</param>
    public string? PathParameter(string name) =>
        _pathParameters.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// Looks up a header without regard to the case of its name. API Gateway passes names as the
    /// client sent them (REST APIs) or in lower case (HTTP APIs), so an exact lookup misses.
    /// </summary>
    /// <param name="name">The header name.</param>
    /// <param name="value">The single value, or null when the header is absent or repeated.</param>
    /// <returns>How many values the header has: 0 when absent, more than 1 when repeated.</returns>
    public int GetHeader(string name, out string? value)
    {
        if (!_headers.TryGetValue(name, out var values) || values.Count == 0)
        {
            value = null;
            return 0;
        }

        value = values.Count == 1 ? values[0] : null;
        return values.Count;
    }

    /// <summary>
    /// Returns the body bytes exactly as the client sent them: base64-decoded when API Gateway
    /// set <c>isBase64Encoded</c>, otherwise the UTF-8 encoding of the body text, which is how
    /// API Gateway decoded the bytes it received.
    /// </summary>
    /// <param name="body">The bytes; empty when the event has no body.</param>
    /// <param name="error">Why the body could not be decoded; null on success.</param>
    /// <returns>Whether the body was decoded.</returns>
    public bool TryGetBody(out byte[] body, out string? error)
    {
        error = null;
        if (string.IsNullOrEmpty(_body))
        {
            body = [];
            return true;
        }

        if (!_isBase64Encoded)
        {
            body = Encoding.UTF8.GetBytes(_body);
            return true;
        }

        var buffer = new byte[_body.Length / 4 * 3 + 3];
        if (Convert.TryFromBase64String(_body, buffer, out var written))
        {
            body = buffer.AsSpan(0, written).ToArray();
            return true;
        }

        body = [];
        error = "The request body is marked as base64 (isBase64Encoded) but is not valid base64.";
        return false;
    }
}
