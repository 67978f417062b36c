using System.Text;

namespace ChangeThisFile.Emulator.Endpoints;

/// <summary>Builds <c>Content-Disposition: attachment</c> values that are safe for any file name.</summary>
internal static class ContentDispositions
{
    /// <summary>
    /// Returns <c>attachment; filename="name"</c> for plain ASCII names; other names get an ASCII
    /// fallback with <c>_</c> for each unsafe character plus an RFC 5987 <c>filename*</c>.
    /// </summary>
    public static string Attachment(string fileName)
    {
        var fallback = new StringBuilder(fileName.Length);
        foreach (var c in fileName)
        {
            fallback.Append(c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '_');
        }

        var plain = fallback.ToString();
        return plain == fileName
            ? $"attachment; filename=\"{plain}\""
            : $"attachment; filename=\"{plain}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}";
    }
}
