namespace ChangeThisFile.Client;

/// <summary>Options of the download methods.</summary>
public sealed class DownloadOptions
{
    /// <summary>Receives the progress of the download.</summary>
    public IProgress<TransferProgress>? Progress { get; init; }

    /// <summary>
    /// Whether a download to a file replaces an existing file at the target path; default false,
    /// which makes the download fail with <see cref="IOException"/> when the file exists.
    /// </summary>
    public bool Overwrite { get; init; }
}
