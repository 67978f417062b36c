namespace ChangeThisFile.Client.Diagnostics;

/// <summary>
/// Removes the parts of a URL that may carry secrets before it reaches a log, span, metric or message.
/// </summary>
internal static class UrlRedaction
{
    /// <summary>
    /// Returns scheme, host, port and path only: no query string (the signature of a signed URL),
    /// no fragment and no user information.
    /// </summary>
    public static string Redact(Uri? uri)
    {
        if (uri is null)
        {
            return "(no URL)";
        }

        if (!uri.IsAbsoluteUri)
        {
            var text = uri.OriginalString;
            var cut = text.IndexOfAny(['?', '#']);
            return cut >= 0 ? text[..cut] : text;
        }

        return uri.GetComponents(
            UriComponents.SchemeAndServer | UriComponents.Path,
            UriFormat.UriEscaped);
    }
}
