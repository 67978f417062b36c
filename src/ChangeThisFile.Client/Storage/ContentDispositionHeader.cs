using System.Text;

namespace ChangeThisFile.Client.Storage;

/// <summary>
/// Builds <c>Content-Disposition</c> values for presigned downloads that are safe for any file name,
/// including quotes, control characters and non-ASCII text.
/// </summary>
public static class ContentDispositionHeader
{
    private const string FallbackName = "download";

    /// <summary>
    /// Returns <c>attachment</c> with an ASCII <c>filename</c> fallback and the exact name as an
    /// RFC 6266 <c>filename*</c> in UTF-8.
    /// </summary>
    /// <param name="fileName">The file name to offer; path separators and control characters are replaced.</param>
    /// <returns>A header value such as <c>attachment; filename="a.pdf"; filename*=UTF-8''a.pdf</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fileName"/> is <see langword="null"/>.</exception>
    public static string Attachment(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var cleaned = Clean(fileName);
        return $"attachment; filename=\"{AsciiFallback(cleaned)}\"; filename*=UTF-8''{Encode(cleaned)}";
    }

    // Control characters could split a header and separators could suggest a path to the browser.
    private static string Clean(string fileName)
    {
        var builder = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            builder.Append(char.IsControl(c) || c is '/' or '\\' ? '_' : c);
        }

        var cleaned = builder.ToString().Trim();
        return cleaned.Length == 0 ? FallbackName : cleaned;
    }

    private static string AsciiFallback(string fileName)
    {
        var builder = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            builder.Append(c is < ' ' or > '~' or '"' or '%' ? '_' : c);
        }

        return builder.ToString();
    }

    // RFC 8187 attr-char: ALPHA / DIGIT / "!#$&+-.^_`|~"; everything else is percent-encoded UTF-8.
    private static string Encode(string fileName)
    {
        var builder = new StringBuilder(fileName.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(fileName))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || "!#$&+-.^_`|~".Contains(c, StringComparison.Ordinal))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }
}
