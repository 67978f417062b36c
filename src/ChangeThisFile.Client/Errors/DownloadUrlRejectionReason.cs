namespace ChangeThisFile.Client;

/// <summary>Why the client refused to download from a URL.</summary>
public enum DownloadUrlRejectionReason
{
    /// <summary>The URL is relative, or its scheme is neither <c>http</c> nor <c>https</c>.</summary>
    InvalidUrl,

    /// <summary>The URL is not on the API's origin or a trusted host and does not use <c>https</c>.</summary>
    InsecureScheme,

    /// <summary>
    /// The host is, or resolves to, a loopback, private, link-local, shared (CGNAT), multicast or
    /// unspecified address.
    /// </summary>
    NonPublicAddress,

    /// <summary>The host name did not resolve to any address.</summary>
    UnresolvableHost,
}
