namespace ChangeThisFile.Emulator;

/// <summary>
/// The emulator's own temporary folder, which contains uploads, fetched inputs and results, and
/// is deleted with everything in it when the emulator is disposed.
/// </summary>
internal sealed class TempFiles : IDisposable
{
    public TempFiles(string? parent)
    {
        Root = Path.Combine(parent ?? Path.GetTempPath(), "ctf-emulator-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    /// <summary>The full path of the folder.</summary>
    public string Root { get; }

    /// <summary>Returns a new unique path in the folder; the file is not created.</summary>
    public string NewPath(string kind) => Path.Combine(Root, kind + "-" + Guid.NewGuid().ToString("N"));

    /// <summary>Deletes a file if it exists, ignoring files that are in use or already gone.</summary>
    public static void TryDelete(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // In use by a download still running; the folder is removed on dispose.
        }
        catch (UnauthorizedAccessException)
        {
            // Same as above on platforms that report sharing violations this way.
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already removed.
        }
        catch (IOException)
        {
            // A file is still open; the system temporary folder cleanup removes it later.
        }
    }
}
