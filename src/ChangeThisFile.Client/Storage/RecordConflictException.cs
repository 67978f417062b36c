namespace ChangeThisFile.Client.Storage;

/// <summary>
/// Thrown when a record write loses a race: a create for a file id that exists, or an update
/// whose version is stale. Read the record again and reapply the change.
/// </summary>
public sealed class RecordConflictException : Exception
{
    /// <summary>Initializes the exception for a file id.</summary>
    /// <param name="fileId">The file id whose record changed.</param>
    /// <param name="message">What conflicted.</param>
    public RecordConflictException(string fileId, string message)
        : base(message) => FileId = fileId;

    /// <summary>Initializes the exception with the store's own exception.</summary>
    /// <param name="fileId">The file id whose record changed.</param>
    /// <param name="message">What conflicted.</param>
    /// <param name="innerException">The store SDK's exception.</param>
    public RecordConflictException(string fileId, string message, Exception innerException)
        : base(message, innerException) => FileId = fileId;

    /// <summary>The file id whose record changed.</summary>
    public string FileId { get; }
}
