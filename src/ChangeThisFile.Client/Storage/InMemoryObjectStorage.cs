using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ChangeThisFile.Client.Storage;

/// <summary>
/// An <see cref="IObjectStorage"/> that keeps objects in memory, for unit tests and demos.
/// </summary>
/// <remarks>
/// Presigned URLs use the host <see cref="PresignedHost"/>, whose <c>.invalid</c> top-level domain
/// never resolves (RFC 2606), followed by the escaped key and a random <c>token</c> query
/// parameter. They cannot be fetched over the network; send them through an
/// <see cref="HttpClient"/> built on <see cref="CreateHttpHandler"/>, which checks expiry, method,
/// <c>Content-Type</c> and size the way a real storage service does. Objects are held as byte arrays,
/// so writes buffer the whole content.
/// </remarks>
public sealed class InMemoryObjectStorage : IObjectStorage
{
    /// <summary>The host name of every presigned URL this storage creates.</summary>
    public const string PresignedHost = "in-memory-storage.invalid";

    private const string DefaultContentType = "application/octet-stream";
    private const int GrantCountBeforePruning = 1024;

    private readonly ConcurrentDictionary<string, StoredObject> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PresignedGrant> _grants = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;

    /// <summary>Initializes an empty storage.</summary>
    /// <param name="timeProvider">The clock for URL expiry; <see cref="TimeProvider.System"/> when null.</param>
    public InMemoryObjectStorage(TimeProvider? timeProvider = null) =>
        _timeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>The keys of the stored objects, in no particular order.</summary>
    public IReadOnlyCollection<string> Keys => _objects.Keys.ToArray();

    /// <summary>
    /// Creates a handler that serves this storage's presigned URLs in process, for an
    /// <see cref="HttpClient"/> that plays the browser or the conversion API.
    /// </summary>
    /// <returns>A handler that answers only requests to <see cref="PresignedHost"/>.</returns>
    public HttpMessageHandler CreateHttpHandler() => new InMemoryPresignedHandler(this);

    /// <inheritdoc />
    public Task<PresignedRequest> CreateUploadRequestAsync(
        string key, PresignedUploadOptions options, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        var expiresAt = _timeProvider.GetUtcNow() + options.ExpiresIn;
        var grant = new PresignedGrant(key, "PUT", expiresAt, options.ContentType, options.MaxSizeBytes, null);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (options.ContentType is not null)
        {
            headers["Content-Type"] = options.ContentType;
        }

        return Task.FromResult(new PresignedRequest(AddGrant(grant), "PUT", expiresAt, headers));
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
        var grant = new PresignedGrant(key, "GET", expiresAt, null, null, options.FileName);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        return Task.FromResult(new PresignedRequest(AddGrant(grant), "GET", expiresAt, headers));
    }

    /// <inheritdoc />
    public async Task WriteAsync(
        string key, Stream content, ObjectWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        ArgumentNullException.ThrowIfNull(content);

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        Store(key, buffer.ToArray(), options?.ContentType);
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_objects.TryGetValue(key, out var stored))
        {
            throw new ObjectNotFoundException(key);
        }

        return Task.FromResult<Stream>(new MemoryStream(stored.Content, writable: false));
    }

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_objects.ContainsKey(key));
    }

    /// <inheritdoc />
    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ObjectKey.Validate(key);
        cancellationToken.ThrowIfCancellationRequested();
        _objects.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    internal TimeProvider TimeProvider => _timeProvider;

    internal bool TryGetGrant(string token, out PresignedGrant grant) => _grants.TryGetValue(token, out grant!);

    internal bool TryGetObject(string key, out StoredObject stored) => _objects.TryGetValue(key, out stored!);

    internal void Store(string key, byte[] content, string? contentType) =>
        _objects[key] = new StoredObject(content, contentType ?? DefaultContentType);

    private Uri AddGrant(PresignedGrant grant)
    {
        if (_grants.Count >= GrantCountBeforePruning)
        {
            var now = _timeProvider.GetUtcNow();
            foreach (var pair in _grants.Where(pair => pair.Value.ExpiresAt <= now))
            {
                _grants.TryRemove(pair.Key, out _);
            }
        }

        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _grants[token] = grant;
        return new Uri($"https://{PresignedHost}/{EscapeKey(grant.Key)}?token={token}");
    }

    internal static string EscapeKey(string key)
    {
        var builder = new StringBuilder(key.Length * 2);
        foreach (var segment in key.Split('/'))
        {
            builder.Append(builder.Length == 0 ? string.Empty : "/").Append(Uri.EscapeDataString(segment));
        }

        return builder.ToString();
    }

    internal sealed record StoredObject(byte[] Content, string ContentType);

    internal sealed record PresignedGrant(
        string Key, string Method, DateTimeOffset ExpiresAt, string? ContentType, long? MaxSizeBytes, string? FileName);
}
