using System.Net.Http.Headers;

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

    /// <summary>
    /// The longest <see cref="ExpiresIn"/> accepted: 7 days, the limit of AWS Signature Version 4,
    /// applied on every storage so that code behaves the same everywhere.
    /// </summary>
    public static TimeSpan MaxExpiresIn { get; } = TimeSpan.FromDays(7);

    /// <summary>Checks the options before a storage signs a request.</summary>
    /// <exception cref="ArgumentException">A value is out of range or malformed; the message names it.</exception>
    public void Validate()
    {
        PresignedDownloadOptions.ValidateExpiry(ExpiresIn, "options.ExpiresIn");
        if (ContentType is not null && !MediaTypeHeaderValue.TryParse(ContentType, out _))
        {
            throw new ArgumentException(
                $"ContentType '{ContentType}' is not a valid media type. Use a value such as 'application/pdf'.",
                "options.ContentType");
        }

        if (MaxSizeBytes is < 0)
        {
            throw new ArgumentOutOfRangeException(
                "options.MaxSizeBytes", MaxSizeBytes, "MaxSizeBytes must be zero or more bytes, or null for no limit.");
        }
    }
}
