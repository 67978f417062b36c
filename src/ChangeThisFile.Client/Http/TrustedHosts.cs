using System.Buffers;

namespace ChangeThisFile.Client.Http;

/// <summary>Parses and matches <see cref="ConversionClientOptions.TrustedDownloadHosts"/> entries.</summary>
internal static class TrustedHosts
{
    private static readonly SearchValues<char> ForbiddenCharacters = SearchValues.Create("/?#@ \\");

    /// <summary>
    /// Parses <c>host</c>, <c>host:port</c>, <c>[ipv6]</c> or <c>[ipv6]:port</c>; returns false for
    /// anything else, such as an entry with a scheme or a path.
    /// </summary>
    public static bool TryParse(string? entry, out string host, out int? port)
    {
        host = string.Empty;
        port = null;
        if (string.IsNullOrWhiteSpace(entry) || entry.AsSpan().IndexOfAny(ForbiddenCharacters) >= 0)
        {
            return false;
        }

        if (!Uri.TryCreate("http://" + entry.Trim(), UriKind.Absolute, out var uri)
            || uri.PathAndQuery != "/"
            || string.IsNullOrEmpty(uri.IdnHost))
        {
            return false;
        }

        host = uri.IdnHost;
        var explicitPort = entry.Trim().EndsWith(']') ? null : PortOf(entry.Trim());
        port = explicitPort is null ? null : uri.Port;
        return true;
    }

    /// <summary>Whether <paramref name="url"/> is on a listed host (and port, when the entry has one).</summary>
    public static bool Contains(IEnumerable<string> entries, Uri url)
    {
        foreach (var entry in entries)
        {
            if (TryParse(entry, out var host, out var port)
                && string.Equals(host, url.IdnHost, StringComparison.OrdinalIgnoreCase)
                && (port is null || port == url.Port))
            {
                return true;
            }
        }

        return false;
    }

    private static string? PortOf(string entry)
    {
        var colon = entry.LastIndexOf(':');
        if (colon < 0 || entry.StartsWith('[') && entry.LastIndexOf(']') > colon)
        {
            return null;
        }

        return entry[(colon + 1)..];
    }
}
