using System.Globalization;
using System.Text;

namespace ChangeThisFile.Client.Http;

/// <summary>
/// Cleans upload file names and writes them into a multipart <c>Content-Disposition</c> header.
/// </summary>
internal static class UploadFileName
{
    /// <summary>Removes control characters and rejects names that end up empty.</summary>
    public static string Validate(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var cleaned = RemoveControlCharacters(fileName);
        if (cleaned.Trim().Length == 0)
        {
            throw new ArgumentException(
                "The upload file name is empty (after removing control characters); pass a name with an " +
                "extension, such as 'input.png', because the API detects the source format from it.",
                nameof(fileName));
        }

        return cleaned;
    }

    /// <summary>
    /// Returns the <c>filename="..."</c> and <c>filename*=UTF-8''...</c> parameters for
    /// <paramref name="fileName"/>, already cleaned by <see cref="Validate"/>.
    /// </summary>
    public static string ToDispositionParameters(string fileName) =>
        $"filename=\"{ToAsciiQuoted(fileName)}\"; filename*=UTF-8''{ToRfc5987(fileName)}";

    private static string RemoveControlCharacters(string value)
    {
        if (!value.Any(char.IsControl))
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!char.IsControl(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    // The quoted-string fallback for servers that ignore filename*: printable ASCII only, with
    // quotes and backslashes escaped and every other character (one per Unicode scalar) as '_'.
    private static string ToAsciiQuoted(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is '"' or '\\')
            {
                builder.Append('\\').Append((char)rune.Value);
            }
            else if (rune.Value is >= 0x20 and < 0x7F)
            {
                builder.Append((char)rune.Value);
            }
            else
            {
                builder.Append('_');
            }
        }

        return builder.ToString();
    }

    // RFC 5987 ext-value: UTF-8 bytes, percent-encoded except for attr-char.
    private static string ToRfc5987(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (IsAttrChar(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    private static bool IsAttrChar(byte b) =>
        b is >= (byte)'a' and <= (byte)'z'
            or >= (byte)'A' and <= (byte)'Z'
            or >= (byte)'0' and <= (byte)'9'
            or (byte)'!' or (byte)'#' or (byte)'$' or (byte)'&' or (byte)'+' or (byte)'-'
            or (byte)'.' or (byte)'^' or (byte)'_' or (byte)'`' or (byte)'|' or (byte)'~';
}
