namespace ChangeThisFile.Client.Storage;

/// <summary>Options for <see cref="IObjectStorage.CreateUploadRequestAsync"/>.</summary>
public sealed record PresignedUploadOptions
{
    /// <summary>How long the URL stays valid. Default 15 minutes.</summary>
    public TimeSpan ExpiresIn { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The content type the upload must carry; it becomes a required header of the request.
    /// <see langword="null"/> signs no content type.
    /// </summary>
    public string? ContentType { get; init; }

    /// <summary>
    /// The largest upload in bytes that the storage should accept, where the storage can enforce
    /// it in a presigned URL; <see langword="null"/> for no limit.
    /// </summary>
    public long? MaxSizeBytes { get; init; }
}
