using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Http;

/// <summary>
/// The connect step of the client's primary handler. For downloads from untrusted hosts it
/// connects only to public addresses, so a host name that resolved to a public address when the
/// URL was checked cannot be switched to an internal one for the connection (DNS rebinding).
/// </summary>
internal sealed class GuardedConnector(IOptionsMonitor<ConversionClientOptions> optionsMonitor, string name)
{
    public async ValueTask<Stream> ConnectAsync(
        SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        if (RequiresPublicAddress(context))
        {
            addresses = addresses.Where(address => !NonPublicAddresses.Contains(address)).ToArray();
            if (addresses.Length == 0)
            {
                throw new HttpRequestException(
                    HttpRequestError.ConnectionError,
                    $"The download host {endpoint.Host} resolves only to non-public addresses; " +
                    "the connection was refused. " +
                    "Add the host to ConversionClientOptions.TrustedDownloadHosts if the application trusts it.");
            }
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    // Only direct connections for downloads off the API's origin and the trusted hosts are
    // checked. Through a proxy the endpoint is the proxy, which the URL check cannot judge.
    private bool RequiresPublicAddress(SocketsHttpConnectionContext context)
    {
        var request = context.InitialRequestMessage;
        return request.RequestUri is { } url
            && ConversionRequestContext.Of(request).Kind == RequestKind.Download
            && string.Equals(
                url.IdnHost.Trim('[', ']'), context.DnsEndPoint.Host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase)
            && !DownloadUrlGuard.IsTrusted(url, optionsMonitor.Get(name));
    }
}
