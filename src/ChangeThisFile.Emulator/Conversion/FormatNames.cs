namespace ChangeThisFile.Emulator.Conversion;

/// <summary>Normalizes extensions, maps formats to media types and detects formats from content.</summary>
internal static class FormatNames
{
    /// <summary>The longest extension accepted in <c>target</c> and <c>source</c>.</summary>
    public const int MaxExtensionLength = 16;

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["jpeg"] = "jpg",
        ["yml"] = "yaml",
        ["markdown"] = "md",
        ["htm"] = "html",
    };

    private static readonly Dictionary<string, string> MediaTypes = new(StringComparer.Ordinal)
    {
        ["csv"] = "text/csv; charset=utf-8",
        ["tsv"] = "text/tab-separated-values; charset=utf-8",
        ["json"] = "application/json; charset=utf-8",
        ["yaml"] = "application/yaml; charset=utf-8",
        ["md"] = "text/markdown; charset=utf-8",
        ["html"] = "text/html; charset=utf-8",
        ["png"] = "image/png",
        ["jpg"] = "image/jpeg",
        ["webp"] = "image/webp",
        ["bmp"] = "image/bmp",
    };

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Lowercases an extension, drops a leading dot and maps aliases to the canonical
    /// name.
    /// </summary>
    public static string Normalize(string extension)
    {
        var value = extension.Trim().TrimStart('.').ToLowerInvariant();
        return Aliases.GetValueOrDefault(value, value);
    }

    /// <summary>
    /// Whether a value looks like a file extension: letters, digits and inner dots, at
    /// most 16 characters.
    /// </summary>
    public static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= MaxExtensionLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c == '.')
        && value[0] != '.' && value[^1] != '.';

    /// <summary>
    /// The media type of a canonical format; <c>application/octet-stream</c> for unknown
    /// ones.
    /// </summary>
    public static string MediaTypeOf(string format) =>
        MediaTypes.GetValueOrDefault(format, "application/octet-stream");

    /// <summary>
    /// The canonical format named by a file name's last extension, or null when it has
    /// none.
    /// </summary>
    public static string? FromFileName(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName))
        {
            return null;
        }

        var extension = Path.GetExtension(fileName);
        return extension.Length > 1 && IsWellFormed(extension[1..]) ? Normalize(extension) : null;
    }

    /// <summary>
    /// The file name without its last extension; <paramref name="fallback"/> when nothing
    /// is left.
    /// </summary>
    public static string BaseName(string? fileName, string fallback)
    {
        var name = Path.GetFileNameWithoutExtension(fileName ?? string.Empty);
        return string.IsNullOrWhiteSpace(name) ? fallback : name;
    }

    /// <summary>
    /// Detects png, jpg, webp, bmp and json from the first bytes of a file; null when
    /// unsure.
    /// </summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(PngSignature))
        {
            return "png";
        }

        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF)
        {
            return "jpg";
        }

        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "webp";
        }

        if (head.Length >= 14 && head[..2].SequenceEqual("BM"u8))
        {
            return "bmp";
        }

        return SniffJson(head);
    }

    /// <summary>Detects the format of a file from its first 64 bytes; null when unsure.</summary>
    public static async Task<string?> SniffFileAsync(string path, CancellationToken cancellationToken)
    {
        var head = new byte[64];
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            var read = await stream
                .ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken)
                .ConfigureAwait(false);
            return Sniff(head.AsSpan(0, read));
        }
    }

    private static string? SniffJson(ReadOnlySpan<byte> head)
    {
        var text = head.StartsWith(Utf8ByteOrderMark) ? head[3..] : head;
        var trimmed = text.TrimStart(" \t\r\n"u8);
        return !trimmed.IsEmpty && (trimmed[0] == (byte)'{' || trimmed[0] == (byte)'[') ? "json" : null;
    }
}
