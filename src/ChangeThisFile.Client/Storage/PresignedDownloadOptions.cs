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

    /// <summary>Checks the options before a storage signs a request.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="ExpiresIn"/> is out of range.</exception>
    public void Validate() => ValidateExpiry(ExpiresIn, "options.ExpiresIn");

    internal static void ValidateExpiry(TimeSpan expiresIn, string paramName)
    {
        if (expiresIn < TimeSpan.FromSeconds(1) || expiresIn > PresignedUploadOptions.MaxExpiresIn)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                expiresIn,
                $"ExpiresIn must be between 1 second and {PresignedUploadOptions.MaxExpiresIn.TotalDays} days.");
        }
    }
}
