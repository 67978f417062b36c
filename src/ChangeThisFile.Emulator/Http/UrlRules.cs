using System.Net;

namespace ChangeThisFile.Emulator.Http;

/// <summary>Checks the URLs the emulator calls and redacts them for messages and logs.</summary>
internal static class UrlRules
{
    /// <summary>Whether the URL is absolute http or https.</summary>
    public static bool IsHttp(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    /// <summary>Whether the host is 127.0.0.0/8, ::1 or <c>localhost</c>.</summary>
    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));

    /// <summary>
    /// Returns scheme, host, port and path only: query strings of presigned URLs carry
    /// credentials and never reach a message or a log.
    /// </summary>
    public static string Redact(Uri url) =>
        url.IsAbsoluteUri ? url.GetLeftPart(UriPartial.Path) : "(relative URL)";
}
