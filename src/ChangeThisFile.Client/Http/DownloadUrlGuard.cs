using System.Net;
using System.Net.Sockets;
using ChangeThisFile.Client.Diagnostics;

namespace ChangeThisFile.Client.Http;

/// <summary>
/// Rejects a download URL before any connection when it could make the application fetch from
/// its own network: URLs off the API's origin and not trusted must be <c>https</c> and resolve
/// to public addresses only.
/// </summary>
internal sealed class DownloadUrlGuard(Func<string, CancellationToken, Task<IPAddress[]>> resolveHost)
{
    /// <summary>Creates a guard that resolves host names through the system resolver.</summary>
    public DownloadUrlGuard()
        : this(static (host, token) => Dns.GetHostAddressesAsync(host, token))
    {
    }

    /// <summary>Whether the URL is on the API's origin or a trusted host, so no further check applies.</summary>
    public static bool IsTrusted(Uri url, ConversionClientOptions options) =>
        Origins.AreSame(url, options.BaseAddress) || TrustedHosts.Contains(options.TrustedDownloadHosts, url);

    /// <exception cref="DownloadUrlRejectedException">The URL is not allowed.</exception>
    public async Task EnsureAllowedAsync(Uri url, ConversionClientOptions options, CancellationToken cancellationToken)
    {
        var redactedUrl = UrlRedaction.Redact(url);
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new DownloadUrlRejectedException(
                DownloadUrlRejectionReason.InvalidUrl, redactedUrl, "relative or not http(s)");
        }

        if (IsTrusted(url, options))
        {
            return;
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            throw new DownloadUrlRejectedException(
                DownloadUrlRejectionReason.InsecureScheme, redactedUrl, "scheme " + url.Scheme);
        }

        var addresses = await ResolveAsync(url, redactedUrl, cancellationToken).ConfigureAwait(false);
        foreach (var address in addresses)
        {
            if (NonPublicAddresses.Contains(address))
            {
                throw new DownloadUrlRejectedException(
                    DownloadUrlRejectionReason.NonPublicAddress, redactedUrl, $"{url.IdnHost} is {address}");
            }
        }
    }

    private async Task<IPAddress[]> ResolveAsync(Uri url, string redactedUrl, CancellationToken cancellationToken)
    {
        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6
            && IPAddress.TryParse(url.IdnHost.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        IPAddress[] addresses;
        try
        {
            addresses = await resolveHost(url.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException exception)
        {
            throw new DownloadUrlRejectedException(
                DownloadUrlRejectionReason.UnresolvableHost, redactedUrl, $"{url.IdnHost}: {exception.SocketErrorCode}");
        }

        return addresses.Length > 0
            ? addresses
            : throw new DownloadUrlRejectedException(
                DownloadUrlRejectionReason.UnresolvableHost, redactedUrl, url.IdnHost + ": no address");
    }
}
