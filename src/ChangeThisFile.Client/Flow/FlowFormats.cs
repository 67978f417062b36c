using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace ChangeThisFile.Client.Flow;

/// <summary>Format names (file extensions), the extension of an uploaded file name, and result media types.</summary>
internal static class FlowFormats
{
    /// <summary>The longest format name accepted, in characters.</summary>
    public const int MaxLength = 16;

    private const string DefaultContentType = "application/octet-stream";

    private static readonly SearchValues<char> FormatCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789.-_");

    private static readonly SearchValues<char> ExtensionCharacters =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");

    private static readonly string[] CompoundExtensions = ["tar.gz", "tar.bz2", "tar.xz"];

    // Media types of common results; anything else is stored as application/octet-stream.
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["avif"] = "image/avif", ["bmp"] = "image/bmp", ["csv"] = "text/csv", ["docx"] =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["epub"] = "application/epub+zip", ["gif"] = "image/gif", ["html"] = "text/html", ["ico"] = "image/x-icon",
        ["jpeg"] = "image/jpeg", ["jpg"] = "image/jpeg", ["json"] = "application/json", ["md"] = "text/markdown",
        ["mp3"] = "audio/mpeg", ["mp4"] = "video/mp4", ["ogg"] = "audio/ogg", ["pdf"] = "application/pdf",
        ["png"] = "image/png", ["svg"] = "image/svg+xml", ["tiff"] = "image/tiff", ["toml"] = "application/toml",
        ["tsv"] = "text/tab-separated-values", ["txt"] = "text/plain", ["wav"] = "audio/wav",
        ["webm"] = "video/webm", ["webp"] = "image/webp", ["xlsx"] =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["xml"] = "application/xml", ["yaml"] = "application/yaml", ["zip"] = "application/zip",
    };

    /// <summary>Returns the canonical spelling of a format: trimmed, lowercase, without a leading dot.</summary>
    public static string Normalize(string? format) =>
        (format ?? string.Empty).Trim().TrimStart('.').ToLowerInvariant();

    /// <summary>
    /// Whether a normalized format is 1 to 16 characters of <c>a-z 0-9 . - _</c> without empty parts.
    /// </summary>
    public static bool IsValid([NotNullWhen(true)] string? format) =>
        format is { Length: > 0 and <= MaxLength }
        && format.AsSpan().IndexOfAnyExcept(FormatCharacters) < 0
        && !format.StartsWith('.') && !format.EndsWith('.')
        && !format.Contains("..", StringComparison.Ordinal);

    /// <summary>
    /// Returns the lowercase extension of a file name (<c>tar.gz</c> for compound archives), or
    /// <see langword="null"/> when it has none or it is not plain letters and digits.
    /// </summary>
    public static string? ExtensionOf(string fileName)
    {
        var name = fileName.ToLowerInvariant();
        foreach (var compound in CompoundExtensions)
        {
            if (name.EndsWith("." + compound, StringComparison.Ordinal) && name.Length > compound.Length + 1)
            {
                return compound;
            }
        }

        var dot = name.LastIndexOf('.');
        if (dot <= 0 || dot == name.Length - 1)
        {
            return null;
        }

        var extension = name[(dot + 1)..];
        return extension.Length <= MaxLength && extension.AsSpan().IndexOfAnyExcept(ExtensionCharacters) < 0
            ? extension
            : null;
    }

    /// <summary>Returns the media type stored with a result of this format.</summary>
    public static string ContentTypeOf(string format) =>
        ContentTypes.TryGetValue(format, out var type) ? type : DefaultContentType;
}
