namespace ChangeThisFile.Emulator.Requests;

/// <summary>Cleans client-sent file names so they are safe in paths, logs and headers.</summary>
internal static class FileNames
{
    /// <summary>The longest file name kept, in characters.</summary>
    public const int MaxLength = 255;

    /// <summary>
    /// Keeps the last path segment, drops control characters (CR and LF included) and trims it to
    /// <see cref="MaxLength"/> characters; null when nothing is left.
    /// </summary>
    public static string? Clean(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return null;
        }

        var lastSeparator = fileName.LastIndexOfAny(['/', '\\']);
        var name = new string([.. fileName[(lastSeparator + 1)..].Where(c => !char.IsControl(c))]).Trim();
        if (name.Length > MaxLength)
        {
            var extension = Path.GetExtension(name);
            name = extension.Length < 32 ? name[..(MaxLength - extension.Length)] + extension : name[..MaxLength];
        }

        return name.Length == 0 || name is "." or ".." ? null : name;
    }
}
