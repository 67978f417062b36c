using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Azure;

/// <summary>An <see cref="IObjectStorage"/> on Azure Blob Storage with SAS URLs.</summary>
/// <remarks>
/// An upload SAS grants create and write on one blob. The uploader must send <c>x-ms-blob-type: BlockBlob</c>
/// and the <c>Content-Type</c> listed in <see cref="PresignedRequest.Headers"/>; Blob Storage stores that
/// <c>Content-Type</c> with the blob but, unlike S3, does not reject a different one, and a SAS cannot limit
/// the upload size. A download SAS grants read and can set the response's <c>Content-Disposition</c>.
/// SAS URLs are signed with the account key when the client has one, otherwise with a user delegation key.
/// </remarks>
public sealed partial class AzureBlobObjectStorage : IObjectStorage
{
    private const string DefaultContentType = "application/octet-stream";

    private readonly BlobContainerClient _container;
    private readonly AzureBlobSasSigner _signer;
    private readonly StorageTransferOptions _transfer;
    private readonly bool _createContainer;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private volatile bool _containerReady;

    /// <summary>Initializes the storage with a client built from the connection string in the options.</summary>
    /// <param name="options">The settings; checked like at start-up.</param>
    /// <param name="timeProvider">The clock for SAS expiry; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <exception cref="OptionsValidationException">A setting is missing or invalid.</exception>
    public AzureBlobObjectStorage(
        AzureBlobObjectStorageOptions options,
        TimeProvider? timeProvider = null,
        ILogger<AzureBlobObjectStorage>? logger = null)
        : this(new BlobServiceClient(Checked(options).ConnectionString), options, timeProvider, logger)
    {
    }

    /// <summary>Initializes the storage with a client the application built.</summary>
    /// <param name="client">The service client, with an account key or a token credential.</param>
    /// <param name="options">The settings; the connection string is not used.</param>
    /// <param name="timeProvider">The clock for SAS expiry; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    public AzureBlobObjectStorage(
        BlobServiceClient client, AzureBlobObjectStorageOptions options, TimeProvider? timeProvider = null,
        ILogger<AzureBlobObjectStorage>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        _container = client.GetBlobContainerClient(options.ContainerName);
        _timeProvider = timeProvider ?? TimeProvider.System;
        _signer = new AzureBlobSasSigner(client, _timeProvider);
        _transfer = new StorageTransferOptions
        {
            InitialTransferSize = options.BlockSizeBytes,
            MaximumTransferSize = options.BlockSizeBytes,
            MaximumConcurrency = options.MaxConcurrency,
        };
        _createContainer = options.CreateContainerIfMissing;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <inheritdoc />
    public async Task<PresignedRequest> CreateUploadRequestAsync(
        string key, PresignedUploadOptions options, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        // The upload goes straight to Blob Storage, so the container must exist before the URL is used.
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var expiresAt = _timeProvider.GetUtcNow() + options.ExpiresIn;
        var sas = Builder(key, expiresAt);
        sas.SetPermissions(BlobSasPermissions.Create | BlobSasPermissions.Write);
        var url = await _signer.SignAsync(_container.GetBlobClient(key), sas, cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(
            StringComparer.OrdinalIgnoreCase) { ["x-ms-blob-type"] = "BlockBlob" };
        if (options.ContentType is not null)
        {
            headers["Content-Type"] = options.ContentType;
        }

        return new PresignedRequest(url, "PUT", expiresAt, headers);
    }

    /// <inheritdoc />
    public async Task<PresignedRequest> CreateDownloadRequestAsync(
        string key, PresignedDownloadOptions options, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        var expiresAt = _timeProvider.GetUtcNow() + options.ExpiresIn;
        var sas = Builder(key, expiresAt);
        sas.SetPermissions(BlobSasPermissions.Read);
        if (options.FileName is not null)
        {
            sas.ContentDisposition = ContentDispositionHeader.Attachment(options.FileName);
        }

        var url = await _signer.SignAsync(_container.GetBlobClient(key), sas, cancellationToken).ConfigureAwait(false);
        return new PresignedRequest(url, "GET", expiresAt, new Dictionary<string, string>());
    }

    /// <inheritdoc />
    public async Task WriteAsync(
        string key, Stream content, ObjectWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(content);
        await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
        var upload = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = options?.ContentType ?? DefaultContentType },
            TransferOptions = _transfer,
        };
        await _container.GetBlobClient(key).UploadAsync(content, upload, cancellationToken).ConfigureAwait(false);
        Log.Written(_logger, _container.Name, key);
    }

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        try
        {
            var response = await _container.GetBlobClient(key)
                .DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return response.Value.Content;
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.BlobNotFound)
        {
            throw new ObjectNotFoundException(key, e);
        }
    }

    /// <inheritdoc />
    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        return await _container.GetBlobClient(key).ExistsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        await _container.GetBlobClient(
            key).DeleteIfExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        Log.Deleted(_logger, _container.Name, key);
    }

    /// <summary>
    /// Creates the container unless it exists; call it at start-up, or set
    /// <see cref="AzureBlobObjectStorageOptions.CreateContainerIfMissing"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public Task CreateContainerIfMissingAsync(CancellationToken cancellationToken = default) =>
        _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (_createContainer && !_containerReady)
        {
            await CreateContainerIfMissingAsync(cancellationToken).ConfigureAwait(false);
            _containerReady = true;
        }
    }

    private BlobSasBuilder Builder(string key, DateTimeOffset expiresAt) => new()
    {
        BlobContainerName = _container.Name,
        BlobName = key,
        Resource = "b",
        ExpiresOn = expiresAt,
        Protocol = _container.Uri.Scheme == Uri.UriSchemeHttps ? SasProtocol.Https : SasProtocol.HttpsAndHttp,
    };

    private static AzureBlobObjectStorageOptions Checked(AzureBlobObjectStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = AzureBlobObjectStorageOptionsValidator.Validate(options, clientProvided: false);
        return result.Failed
            ? throw new OptionsValidationException(string.Empty, typeof(AzureBlobObjectStorageOptions), result.Failures)
            : options;
    }

    private static partial class Log
    {
        [LoggerMessage(50, LogLevel.Debug, "Stored blob {Key} in container {Container}")]
        public static partial void Written(ILogger logger, string container, string key);

        [LoggerMessage(51, LogLevel.Debug, "Deleted blob {Key} from container {Container}")]
        public static partial void Deleted(ILogger logger, string container, string key);
    }
}
