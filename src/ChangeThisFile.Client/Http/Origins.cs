namespace ChangeThisFile.Client.Http;

internal static class Origins
{
    /// <summary>Whether both URLs are absolute and share scheme, host and port.</summary>
    public static bool AreSame(Uri? uri, Uri? other) =>
        uri is { IsAbsoluteUri: true }
        && other is { IsAbsoluteUri: true }
        && string.Equals(uri.Scheme, other.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(uri.IdnHost, other.IdnHost, StringComparison.OrdinalIgnoreCase)
        && uri.Port == other.Port;
}
