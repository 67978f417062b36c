namespace ChangeThisFile.Client.Storage;

/// <summary>One file's progress through the conversion flow.</summary>
public sealed record ConversionRecord
{
    /// <summary>The flow's own id for the file; the record's key.</summary>
    public required string FileId { get; init; }

    /// <summary>The target format, as a lowercase extension such as <c>pdf</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The file name the user uploaded, kept for naming the result.</summary>
    public string? OriginalFileName { get; init; }

    /// <summary>The content type the upload was signed for.</summary>
    public string? ContentType { get; init; }

    /// <summary>Where the record stands in the flow.</summary>
    public required RecordStatus Status { get; init; }

    /// <summary>The API's job id once the file was submitted.</summary>
    public string? JobId { get; init; }

    /// <summary>The object key of the uploaded input.</summary>
    public required string InputKey { get; init; }

    /// <summary>The object key of the converted result once it is stored.</summary>
    public string? OutputKey { get; init; }

    /// <summary>Size of the stored result in bytes, once it is stored.</summary>
    public long? OutputSize { get; init; }

    /// <summary>The error code when the conversion failed, as the API reported it.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>The error message when the conversion failed.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Application metadata stored with the record; never <see langword="null"/>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } =
        new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>When the record was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the record last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// The store's concurrency token (a counter, a DynamoDB version or an Azure ETag). Pass the
    /// record back unchanged in this property to update it.
    /// </summary>
    public string? Version { get; init; }
}
