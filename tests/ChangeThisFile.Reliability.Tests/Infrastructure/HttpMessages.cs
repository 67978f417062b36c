namespace ChangeThisFile.Reliability.Tests.Infrastructure;

/// <summary>A request as a test server received it; header names are case-insensitive.</summary>
public sealed record RawRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The path without the query string.</summary>
    public string Path => Target.Split('?')[0];

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A complete HTTP response: status, headers and body.</summary>
public sealed record ApiReply(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public static ApiReply Create(
        int status, string contentType, byte[] body, params (string Name, string Value)[] headers)
    {
        List<KeyValuePair<string, string>> all = [new("Content-Type", contentType)];
        all.AddRange(headers.Select(header => new KeyValuePair<string, string>(header.Name, header.Value)));
        return new ApiReply(status, all, body);
    }
}

/// <summary>What a test server does with one request.</summary>
public enum ServerActionKind
{
    /// <summary>Send the reply and keep the connection open.</summary>
    Respond,

    /// <summary>Send part of the status line and headers, then reset the connection (TCP RST).</summary>
    ResetInHeaders,

    /// <summary>Send the headers and half of the body, then reset the connection.</summary>
    ResetInBody,

    /// <summary>Declare a longer <c>Content-Length</c> than the body, send the body, then close (TCP FIN).</summary>
    Truncate,

    /// <summary>Send nothing and keep the connection open until the client closes it.</summary>
    Hang,

    /// <summary>Send the headers and half of the body, then nothing until the client closes the connection.</summary>
    StallInBody,
}

/// <summary>One server action and the reply it is based on.</summary>
public sealed record ServerAction(ServerActionKind Kind, ApiReply Reply);

/// <summary>A request seen by a test server, with the fake time it arrived.</summary>
public sealed record SeenRequest(RawRequest Request, DateTimeOffset ArrivedAt)
{
    public string? IdempotencyKey => Request.Header("Idempotency-Key");
}
