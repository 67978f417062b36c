namespace ChangeThisFile.Client.Storage;

/// <summary>Options for <see cref="IObjectStorage.CreateDownloadRequestAsync"/>.</summary>
public sealed record PresignedDownloadOptions
{
    /// <summary>How long the URL stays valid. Default 1 hour.</summary>
    public TimeSpan ExpiresIn { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// A file name for the <c>Content-Disposition</c> of the response, where the storage supports
    /// overriding it; <see langword="null"/> leaves the stored headers unchanged.
    /// </summary>
    public string? FileName { get; init; }
}
