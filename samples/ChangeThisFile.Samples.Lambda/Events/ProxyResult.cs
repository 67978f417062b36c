namespace ChangeThisFile.Samples.Lambda.Events;

/// <summary>The response of a handler to a proxy request: a status code, extra headers and a JSON body.</summary>
/// <param name="StatusCode">The HTTP status code.</param>
/// <param name="Body">The JSON body text.</param>
public sealed record ProxyResult(int StatusCode, string Body)
{
    /// <summary>Headers besides <c>Content-Type</c>, which is always JSON.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
}
