namespace ChangeThisFile.Client.Storage;

/// <summary>
/// A request that anyone holding it can send to storage without credentials: the URL, the
/// method and the headers that the signature covers.
/// </summary>
/// <param name="Url">The absolute URL, query string included. Treat it as a secret: it grants access.</param>
/// <param name="Method">The HTTP method to use, such as <c>PUT</c> or <c>GET</c>.</param>
/// <param name="ExpiresAt">When the storage service stops accepting the URL.</param>
/// <param name="Headers">
/// Headers the sender must include with exactly these values (for example <c>Content-Type</c>,
/// or <c>x-ms-blob-type</c> on Azure). Sending different values makes the storage reject the request.
/// </param>
public sealed record PresignedRequest(
    Uri Url,
    string Method,
    DateTimeOffset ExpiresAt,
    IReadOnlyDictionary<string, string> Headers);
