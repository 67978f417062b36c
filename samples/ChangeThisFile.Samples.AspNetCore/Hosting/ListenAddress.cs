using System.Net;
using System.Net.Sockets;

namespace ChangeThisFile.Samples.AspNetCore.Hosting;

/// <summary>
/// Where the application listens and the base URL it gives out. The webhook URL and the local
/// storage URLs are fixed before Kestrel starts, so a listen URL with port 0 is given a free
/// port here instead of by Kestrel.
/// </summary>
/// <param name="ListenUrls">The URLs for Kestrel, separated by <c>;</c>, with no port 0 left.</param>
/// <param name="LocalBaseUrl">The first listen URL as this machine reaches it, ending with <c>/</c>.</param>
/// <param name="PublicBaseUrl">The base URL for webhooks and storage URLs, ending with <c>/</c>.</param>
/// <param name="PortWasChosen">Whether a free port was picked here, so a bind conflict may be retried.</param>
internal sealed record ListenAddress(string ListenUrls, Uri LocalBaseUrl, Uri PublicBaseUrl, bool PortWasChosen)
{
    /// <summary>The listen URL used when the <c>Urls</c> setting is empty.</summary>
    public const string DefaultListenUrl = "http://127.0.0.1:5000";

    /// <summary>
    /// Resolves the listen URLs and the public base URL from the <c>Urls</c> and <c>Sample</c> settings.
    /// </summary>
    /// <exception cref="InvalidOperationException">A listen URL or the public base URL is invalid.</exception>
    public static ListenAddress Resolve(string? urls, Uri? publicBaseUrl)
    {
        var entries = (string.IsNullOrWhiteSpace(urls) ? DefaultListenUrl : urls)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var chosen = false;
        var resolved = new List<string>(entries.Length);
        foreach (var entry in entries)
        {
            var url = ParseListenUrl(entry);
            if (url.Port == 0)
            {
                url = new UriBuilder(url) { Port = FreeLoopbackPort() }.Uri;
                chosen = true;
            }

            resolved.Add(url.GetLeftPart(UriPartial.Authority));
        }

        var localBaseUrl = ToLocalBaseUrl(new Uri(resolved[0]));
        var baseUrl = publicBaseUrl is null ? localBaseUrl : CheckPublicBaseUrl(publicBaseUrl);
        return new ListenAddress(string.Join(';', resolved), localBaseUrl, baseUrl, chosen);
    }

    private static Uri ParseListenUrl(string entry)
    {
        // Kestrel accepts * and + as every address, but Uri does not parse them as hosts.
        var parsable = entry.Replace("://*", "://0.0.0.0", StringComparison.Ordinal)
            .Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(parsable, UriKind.Absolute, out var url)
            || url.Scheme is not ("http" or "https") || url.AbsolutePath != "/")
        {
            throw new InvalidOperationException(
                $"The listen URL '{entry}' in the Urls setting is invalid. Use a URL such as " +
                $"'{DefaultListenUrl}', or port 0 for a free port.");
        }

        return url;
    }

    /// <summary>Returns a base URL that reaches a listen URL from this machine.</summary>
    private static Uri ToLocalBaseUrl(Uri listenUrl)
    {
        var everyAddress = listenUrl.Host is "0.0.0.0" or "[::]";
        var host = everyAddress ? IPAddress.Loopback.ToString() : listenUrl.Host;
        return new UriBuilder(listenUrl.Scheme, host, listenUrl.Port, "/").Uri;
    }

    private static Uri CheckPublicBaseUrl(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(url.Query))
        {
            throw new InvalidOperationException(
                $"Sample:PublicBaseUrl '{url}' is invalid. Use the absolute http or https URL at which the " +
                "conversion API and browsers reach this application, such as 'https://convert.example.com/'.");
        }

        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
