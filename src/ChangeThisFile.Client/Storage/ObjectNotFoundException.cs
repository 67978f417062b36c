namespace ChangeThisFile.Client.Storage;

/// <summary>Thrown when an object that must exist does not.</summary>
public sealed class ObjectNotFoundException : Exception
{
    /// <summary>Initializes the exception for a key.</summary>
    /// <param name="key">The key that was not found.</param>
    public ObjectNotFoundException(string key)
        : base($"No object exists with key '{key}'.") => Key = key;

    /// <summary>Initializes the exception for a key with the storage error that reported it.</summary>
    /// <param name="key">The key that was not found.</param>
    /// <param name="innerException">The storage SDK's own exception.</param>
    public ObjectNotFoundException(string key, Exception innerException)
        : base($"No object exists with key '{key}'.", innerException) => Key = key;

    /// <summary>The key that was not found.</summary>
    public string Key { get; }
}
