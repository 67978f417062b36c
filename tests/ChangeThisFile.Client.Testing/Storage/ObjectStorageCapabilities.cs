namespace ChangeThisFile.Client.Testing.Storage;

/// <summary>
/// What an <see cref="IObjectStorage"/> implementation and the service behind it can do, so that
/// <see cref="ObjectStorageContractTests"/> asserts the behaviour each one really has.
/// </summary>
public sealed record ObjectStorageCapabilities
{
    /// <summary>
    /// Whether the service rejects a presigned upload whose <c>Content-Type</c> differs from the signed
    /// one. When <see langword="false"/>, the suite asserts that such an upload is accepted.
    /// </summary>
    public required bool ChecksUploadContentType { get; init; }

    /// <summary>
    /// Whether the service verifies the signature of a presigned URL, so that a URL signed for
    /// <c>GET</c> cannot upload. When <see langword="false"/>, the suite asserts that it can.
    /// </summary>
    public required bool VerifiesSignature { get; init; }

    /// <summary>
    /// Whether the service rejects a presigned upload larger than
    /// <see cref="PresignedUploadOptions.MaxSizeBytes"/>.
    /// </summary>
    public required bool ChecksUploadMaxSize { get; init; }

    /// <summary>Whether a presigned download sends the <c>Content-Disposition</c> asked for with a file name.</summary>
    public required bool SetsDownloadFileName { get; init; }

    /// <summary>Which clock decides when a presigned URL has expired.</summary>
    public required PresignedExpiryClock ExpiryClock { get; init; }

    /// <summary>
    /// Whether <see cref="IObjectStorage.WriteAsync"/> streams, so that writing an object allocates
    /// far less managed memory than the object's size.
    /// </summary>
    public required bool StreamsWrites { get; init; }
}

/// <summary>Which clock a storage service compares a presigned URL's expiry with.</summary>
public enum PresignedExpiryClock
{
    /// <summary>
    /// The <see cref="TimeProvider"/> given to the storage, which the suite passes as
    /// <see cref="ObjectStorageContractTests.Clock"/> and advances.
    /// </summary>
    Injected,

    /// <summary>The service's own wall clock; the suite uses a short expiry and waits it out.</summary>
    WallClock,
}
