namespace ChangeThisFile.Client.Storage;

/// <summary>Options for <see cref="IObjectStorage.WriteAsync"/>.</summary>
public sealed record ObjectWriteOptions
{
    /// <summary>The content type stored with the object; <see langword="null"/> for <c>application/octet-stream</c>.</summary>
    public string? ContentType { get; init; }

    /// <summary>The length in bytes when known in advance; lets some stores avoid buffering.</summary>
    public long? ContentLength { get; init; }
}
