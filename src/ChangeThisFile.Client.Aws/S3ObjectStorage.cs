using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Aws;

/// <summary>
/// An <see cref="IObjectStorage"/> on Amazon S3 or an S3-compatible service such as Cloudflare R2.
/// </summary>
/// <remarks>
/// Writes never use <c>aws-chunked</c> encoding, which R2 rejects and some S3-compatible servers store
/// as part of the object. A seekable stream goes up in one <c>PutObject</c>; a forward-only stream goes up
/// as a multipart upload with one part of <see cref="S3ObjectStorageOptions.PartSizeBytes"/> buffered at a
/// time. Presigned uploads sign the <c>Content-Type</c>, so the uploader must send exactly the headers in
/// <see cref="PresignedRequest.Headers"/>; S3 cannot limit a presigned PUT's size.
/// </remarks>
public sealed partial class S3ObjectStorage : IObjectStorage, IDisposable
{
    private const string DefaultContentType = "application/octet-stream";

    private readonly IAmazonS3 _client;
    private readonly bool _ownsClient;
    private readonly string _bucket;
    private readonly int _partSizeBytes;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    /// <summary>Initializes the storage with a client built from the options.</summary>
    /// <param name="options">The settings; checked like at start-up.</param>
    /// <param name="timeProvider">The clock for URL expiry; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <exception cref="OptionsValidationException">A setting is missing or invalid.</exception>
    public S3ObjectStorage(
        S3ObjectStorageOptions options, TimeProvider? timeProvider = null, ILogger<S3ObjectStorage>? logger = null)
        : this(AwsClientFactory.CreateS3Client(Checked(options)), options, timeProvider, logger, ownsClient: true)
    {
    }

    /// <summary>Initializes the storage with a client the application built and keeps owning.</summary>
    /// <param name="client">The S3 client. For R2, build its configuration with <see cref="R2Preset"/>.</param>
    /// <param name="options">The settings; only the bucket, provider and part size are used.</param>
    /// <param name="timeProvider">The clock for URL expiry; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <exception cref="InvalidOperationException">
    /// <see cref="S3ObjectStorageOptions.Provider"/> is R2 but the client lacks the <see cref="R2Preset"/> settings.
    /// </exception>
    public S3ObjectStorage(
        IAmazonS3 client, S3ObjectStorageOptions options, TimeProvider? timeProvider = null,
        ILogger<S3ObjectStorage>? logger = null)
        : this(client, options, timeProvider, logger, ownsClient: false)
    {
    }

    private S3ObjectStorage(
        IAmazonS3 client, S3ObjectStorageOptions options, TimeProvider? timeProvider, ILogger? logger, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider == S3Provider.R2 && !R2Preset.IsApplied(client.Config))
        {
            throw new InvalidOperationException(
                "The S3 client is not configured for R2: R2 needs AuthenticationRegion 'auto' and " +
                "RequestChecksumCalculation and ResponseChecksumValidation WHEN_REQUIRED. Build its config " +
                "with R2Preset.CreateConfig(serviceUrl) or call R2Preset.Apply(config).");
        }

        _client = client;
        _ownsClient = ownsClient;
        _bucket = options.BucketName;
        _partSizeBytes = Math.Max(options.PartSizeBytes, S3ObjectStorageOptions.MinPartSizeBytes);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<PresignedRequest> CreateUploadRequestAsync(
        string key, PresignedUploadOptions options, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        var expiresAt = _timeProvider.GetUtcNow() + options.ExpiresIn;
        var request = PresignRequest(key, HttpVerb.PUT, expiresAt);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (options.ContentType is not null)
        {
            request.ContentType = options.ContentType;
            headers["Content-Type"] = options.ContentType;
        }

        var url = await _client.GetPreSignedURLAsync(request).ConfigureAwait(false);
        return new PresignedRequest(new Uri(url), "PUT", expiresAt, headers);
    }

    /// <inheritdoc />
    public async Task<PresignedRequest> CreateDownloadRequestAsync(
        string key, PresignedDownloadOptions options, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        var expiresAt = _timeProvider.GetUtcNow() + options.ExpiresIn;
        var request = PresignRequest(key, HttpVerb.GET, expiresAt);
        if (options.FileName is not null)
        {
            request.ResponseHeaderOverrides = new ResponseHeaderOverrides
            {
                ContentDisposition = ContentDispositionHeader.Attachment(options.FileName),
            };
        }

        var url = await _client.GetPreSignedURLAsync(request).ConfigureAwait(false);
        return new PresignedRequest(new Uri(url), "GET", expiresAt, new Dictionary<string, string>());
    }

    /// <inheritdoc />
    public async Task WriteAsync(
        string key, Stream content, ObjectWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(content);
        var contentType = options?.ContentType ?? DefaultContentType;
        if (content.CanSeek)
        {
            await PutAsync(key, content, contentType, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var writer = new S3MultipartWriter(_client, _bucket, _partSizeBytes, _logger);
            await writer.WriteAsync(key, content, contentType, cancellationToken).ConfigureAwait(false);
        }

        Log.Written(_logger, _bucket, key);
    }

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        try
        {
            var response = await _client.GetObjectAsync(_bucket, key, cancellationToken).ConfigureAwait(false);
            return new S3ResponseStream(response);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
        {
            throw new ObjectNotFoundException(key, e);
        }
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        try
        {
            await _client.GetObjectMetadataAsync(_bucket, key, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != "NoSuchBucket")
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        await _client.DeleteObjectAsync(_bucket, key, cancellationToken).ConfigureAwait(false);
        Log.Deleted(_logger, _bucket, key);
    }

    /// <summary>Disposes the S3 client when this storage created it.</summary>
    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private Task<PutObjectResponse> PutAsync(
        string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var request = new PutObjectRequest
        {
            BucketName = _bucket,
            Key = key,
            InputStream = content,
            ContentType = contentType,
            AutoCloseStream = false,
            AutoResetStreamPosition = false,
            UseChunkEncoding = false,
        };
        return _client.PutObjectAsync(request, cancellationToken);
    }

    private GetPreSignedUrlRequest PresignRequest(string key, HttpVerb verb, DateTimeOffset expiresAt) => new()
    {
        BucketName = _bucket,
        Key = key,
        Verb = verb,
        Expires = expiresAt.UtcDateTime,
        Protocol = _client.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true
            ? Protocol.HTTP
            : Protocol.HTTPS,
    };

    private static S3ObjectStorageOptions Checked(S3ObjectStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new S3ObjectStorageOptionsValidator().Validate(null, options);
        return result.Failed
            ? throw new OptionsValidationException(string.Empty, typeof(S3ObjectStorageOptions), result.Failures)
            : options;
    }

    private static partial class Log
    {
        [LoggerMessage(30, LogLevel.Debug, "Stored object {Key} in S3 bucket {Bucket}")]
        public static partial void Written(ILogger logger, string bucket, string key);

        [LoggerMessage(31, LogLevel.Debug, "Deleted object {Key} from S3 bucket {Bucket}")]
        public static partial void Deleted(ILogger logger, string bucket, string key);
    }
}
