namespace ChangeThisFile.Client;

/// <summary>
/// Thrown before any connection is made when a download URL is neither on the API's own origin
/// nor on a host listed in <see cref="ConversionClientOptions.TrustedDownloadHosts"/>, and is not
/// a public <c>https</c> URL.
/// </summary>
/// <remarks>
/// Result URLs can arrive in webhook payloads, which an attacker may forge; this check keeps
/// such a URL from making the application fetch from its own internal network. The message and
/// <see cref="Url"/> leave out the query string, which holds the signature of a signed URL.
/// </remarks>
public sealed class DownloadUrlRejectedException : ArgumentException
{
    /// <summary>Initializes an exception for a rejected URL.</summary>
    /// <param name="reason">Why the URL was rejected.</param>
    /// <param name="url">The URL without its query string and fragment.</param>
    /// <param name="detail">What was found, such as the address the host resolved to.</param>
    public DownloadUrlRejectedException(DownloadUrlRejectionReason reason, string url, string detail)
        : base(CreateMessage(reason, url, detail), nameof(url))
    {
        Reason = reason;
        Url = url;
    }

    /// <summary>Why the URL was rejected.</summary>
    public DownloadUrlRejectionReason Reason { get; }

    /// <summary>The rejected URL without its query string and fragment.</summary>
    public string Url { get; }

    private static string CreateMessage(DownloadUrlRejectionReason reason, string url, string detail)
    {
        var what = reason switch
        {
            DownloadUrlRejectionReason.InvalidUrl => "is not an absolute http or https URL",
            DownloadUrlRejectionReason.InsecureScheme => "does not use https",
            DownloadUrlRejectionReason.NonPublicAddress => "points to a non-public address",
            _ => "has a host name that does not resolve",
        };
        return $"The download URL {url} {what} ({detail}), and it is neither on the API's origin nor in " +
            $"{nameof(ConversionClientOptions)}.{nameof(ConversionClientOptions.TrustedDownloadHosts)}. " +
            "Add the host (or host:port) to TrustedDownloadHosts if the application trusts it.";
    }
}
