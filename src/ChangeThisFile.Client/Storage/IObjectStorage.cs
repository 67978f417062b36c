namespace ChangeThisFile.Client.Storage;

/// <summary>
/// Object storage that the conversion flow keeps inputs and results in: presigned URLs for the
/// browser and the conversion API, and streamed reads and writes for the service itself.
/// </summary>
/// <remarks>
/// Keys are validated with <see cref="ObjectKey.Validate"/> and otherwise stored exactly as
/// given, including spaces, brackets, apostrophes and non-ASCII characters. Implementations
/// must be safe to call concurrently.
/// </remarks>
public interface IObjectStorage
{
    /// <summary>
    /// Creates a presigned request that uploads one object without credentials of its own.
    /// </summary>
    /// <param name="key">The object key to upload to.</param>
    /// <param name="options">Expiry, content type and size limit of the upload.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// The URL, the HTTP method, the expiry and the exact headers the uploader must send.
    /// </returns>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    Task<PresignedRequest> CreateUploadRequestAsync(
        string key, PresignedUploadOptions options, CancellationToken cancellationToken = default);

    /// <summary>Creates a presigned URL that downloads one object with a plain GET.</summary>
    /// <param name="key">The object key to download.</param>
    /// <param name="options">Expiry and the file name offered to browsers.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The URL, the method (<c>GET</c>), its expiry and any headers to send.</returns>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    Task<PresignedRequest> CreateDownloadRequestAsync(
        string key, PresignedDownloadOptions options, CancellationToken cancellationToken = default);

    /// <summary>Writes an object from a stream, replacing any object with the same key.</summary>
    /// <param name="key">The object key to write.</param>
    /// <param name="content">The bytes to store, read once from the current position to the end.</param>
    /// <param name="options">Content type and, when known, length; may be <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ArgumentException">The key is invalid.</exception>
    Task WriteAsync(
        string key, Stream content, ObjectWriteOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Opens an object for reading as a stream that the caller disposes.</summary>
    /// <param name="key">The object key to read.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="ObjectNotFoundException">No object has this key.</exception>
    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Returns whether an object with this key exists.</summary>
    /// <param name="key">The object key to look up.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object; deleting a missing object is not an error.</summary>
    /// <param name="key">The object key to delete.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}
