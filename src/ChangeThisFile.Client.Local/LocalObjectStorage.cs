using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Local;

/// <summary>
/// An <see cref="IObjectStorage"/> on the local file system. Presigned URLs are HMAC-signed, expire by
/// the injected <see cref="TimeProvider"/>, and are served by the endpoint that
/// <see cref="LocalObjectStorageEndpointExtensions.MapLocalObjectStorage"/> maps.
/// </summary>
/// <remarks>
/// Each object is one file under <see cref="LocalObjectStorageOptions.RootPath"/>, named by the
/// SHA-256 of its key and written to a temporary file first, then renamed into place, so readers
/// never see a partial object.
/// </remarks>
public sealed partial class LocalObjectStorage : IObjectStorage
{
    private const string DefaultContentType = "application/octet-stream";
    private const int CopyBufferBytes = 81920;

    private readonly string _objectsRoot;
    private readonly string _temporaryRoot;
    private readonly Uri _baseUrl;
    private readonly LocalUrlSigner _signer;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Initializes the storage, creating its folders when missing.</summary>
    /// <param name="options">The settings; checked like at start-up.</param>
    /// <param name="timeProvider">The clock for URL expiry; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <exception cref="OptionsValidationException">A setting is missing or invalid.</exception>
    public LocalObjectStorage(
        LocalObjectStorageOptions options,
        TimeProvider? timeProvider = null,
        ILogger<LocalObjectStorage>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new LocalObjectStorageOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new OptionsValidationException(string.Empty, typeof(LocalObjectStorageOptions), result.Failures);
        }

        _baseUrl = LocalObjectStorageOptionsValidator.ParseBaseUrl(options.PublicBaseUrl)!;
        _signer = new LocalUrlSigner(LocalObjectStorageOptionsValidator.DecodeKey(options.SigningKey)!);
        var root = Path.GetFullPath(options.RootPath);
        _objectsRoot = Path.Combine(root, "objects");
        _temporaryRoot = Path.Combine(root, "tmp");
        Directory.CreateDirectory(_objectsRoot);
        Directory.CreateDirectory(_temporaryRoot);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public Task<PresignedRequest> CreateUploadRequestAsync(
        string key, PresignedUploadOptions options, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        var expiresAt = _timeProvider.GetUtcNow() + options.ExpiresIn;
        var grant = new LocalGrant(
            "PUT", key, expiresAt.ToUnixTimeMilliseconds(), options.ContentType, options.MaxSizeBytes, null);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (options.ContentType is not null)
        {
            headers["Content-Type"] = options.ContentType;
        }

        return Task.FromResult(new PresignedRequest(UrlFor(grant), "PUT", Truncate(expiresAt), headers));
    }

    /// <inheritdoc />
    public Task<PresignedRequest> CreateDownloadRequestAsync(
        string key, PresignedDownloadOptions options, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        var expiresAt = _timeProvider.GetUtcNow() + options.ExpiresIn;
        var grant = new LocalGrant("GET", key, expiresAt.ToUnixTimeMilliseconds(), null, null, options.FileName);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        return Task.FromResult(new PresignedRequest(UrlFor(grant), "GET", Truncate(expiresAt), headers));
    }

    /// <inheritdoc />
    public Task WriteAsync(
        string key, Stream content, ObjectWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(content);
        return WriteCoreAsync(key, content, options?.ContentType, maxSizeBytes: null, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        return (await OpenCoreAsync(key, cancellationToken).ConfigureAwait(false)).Content;
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(LocalObjectFile.PathFor(_objectsRoot, key)));
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            File.Delete(LocalObjectFile.PathFor(_objectsRoot, key));
        }
        catch (DirectoryNotFoundException)
        {
            // No object ever had a key with this hash prefix, so there is nothing to delete.
        }

        Log.Deleted(_logger, key);
        return Task.CompletedTask;
    }

    internal TimeProvider TimeProvider => _timeProvider;

    internal LocalUrlSigner Signer => _signer;

    internal ILogger Logger => _logger;

    internal async Task<(
        Stream Content, string ContentType)> OpenCoreAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            return await LocalObjectFile.OpenAsync(LocalObjectFile.PathFor(_objectsRoot, key), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ObjectNotFoundException(key, e);
        }
    }

    /// <summary>Writes to a temporary file, then renames it over the object.</summary>
    /// <exception cref="LocalUploadTooLargeException">The content passed <paramref name="maxSizeBytes"/>.</exception>
    internal async Task WriteCoreAsync(
        string key, Stream content, string? contentType, long? maxSizeBytes, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(_temporaryRoot, $"{Guid.NewGuid():N}.tmp");
        try
        {
            long length;
            var file = new FileStream(
                temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, useAsync: true);
            await using (file.ConfigureAwait(false))
            {
                await LocalObjectFile.WriteHeaderAsync(file, key, contentType ?? DefaultContentType, cancellationToken)
                    .ConfigureAwait(false);
                length = await CopyAsync(content, file, maxSizeBytes, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }

            var path = LocalObjectFile.PathFor(_objectsRoot, key);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Move(temporary, path, overwrite: true);
            Log.Written(_logger, key, length);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task<long> CopyAsync(
        Stream source, Stream destination, long? maxSizeBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[CopyBufferBytes];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > maxSizeBytes)
            {
                throw new LocalUploadTooLargeException(maxSizeBytes.Value);
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    private Uri UrlFor(LocalGrant grant) =>
        new(_baseUrl, EscapeKey(grant.Key) + _signer.Query(grant));

    private static string EscapeKey(string key) =>
        string.Join('/', key.Split('/').Select(Uri.EscapeDataString));

    private static DateTimeOffset Truncate(DateTimeOffset value) =>
        DateTimeOffset.FromUnixTimeMilliseconds(value.ToUnixTimeMilliseconds());

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Stored object {Key} ({Length} bytes) on the local disk")]
        public static partial void Written(ILogger logger, string key, long length);

        [LoggerMessage(2, LogLevel.Debug, "Deleted object {Key} from the local disk")]
        public static partial void Deleted(ILogger logger, string key);
    }
}

/// <summary>Thrown inside the local storage when an upload passes its signed size limit.</summary>
internal sealed class LocalUploadTooLargeException(long maxSizeBytes)
    : IOException($"The upload exceeds the signed limit of {maxSizeBytes} bytes.")
{
    public long MaxSizeBytes { get; } = maxSizeBytes;
}
