using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace ChangeThisFile.Client.Http;

/// <summary>
/// A <c>multipart/form-data</c> body of text fields followed by at most one file part, written
/// straight to the connection so that no part is buffered whole.
/// </summary>
/// <remarks>
/// The file part is written last so the server can check the fields before the large body. Its
/// <c>Content-Disposition</c> is built by <see cref="UploadFileName"/>, never by the .NET header
/// types, which would encode a non-ASCII name as an RFC 2047 encoded word. The boundary is an
/// HMAC of the idempotency key keyed by the API key: two calls with the same key, fields and file
/// send byte-identical bodies, so the API can recognise the second as a repeat, yet nobody without
/// the API key can predict the boundary and hide one in an uploaded file to inject form fields.
/// </remarks>
internal sealed class MultipartUploadContent : HttpContent, IUploadBody
{
    private const int CopyBufferSize = 81920;
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly UploadContent? _file;
    private readonly IProgress<TransferProgress>? _progress;
    private readonly byte[] _head;
    private readonly byte[] _tail;

    public MultipartUploadContent(
        IEnumerable<KeyValuePair<string, string>> fields,
        UploadContent? file,
        IProgress<TransferProgress>? progress,
        string idempotencyKey,
        string? boundaryKey)
    {
        _file = file;
        _progress = progress;
        var boundary = BoundaryFor(idempotencyKey, boundaryKey);
        _head = Utf8.GetBytes(BuildHead(boundary, fields, file));
        _tail = Utf8.GetBytes(file is null ? $"--{boundary}--\r\n" : $"\r\n--{boundary}--\r\n");

        var mediaType = new MediaTypeHeaderValue("multipart/form-data");
        mediaType.Parameters.Add(new NameValueHeaderValue("boundary", boundary));
        Headers.ContentType = mediaType;
    }

    /// <inheritdoc />
    public string FileName => _file?.FileName ?? string.Empty;

    /// <inheritdoc />
    public long FileBytesRead => _file?.Source.BytesRead ?? 0;

    /// <inheritdoc />
    public bool CanResend => _file is null || _file.Source.CanSend;

    /// <summary>Raised with the number of file bytes written by each attempt.</summary>
    public Action<long>? BytesWritten { get; init; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(
        Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (!CanResend)
        {
            // The retry handler checks CanResend first; this guards any other caller.
            throw new InvalidOperationException(
                $"The upload of '{FileName}' cannot be sent again because its forward-only stream was already read.");
        }

        await stream.WriteAsync(_head, cancellationToken).ConfigureAwait(false);
        if (_file is not null)
        {
            await CopyFileAsync(_file, stream, cancellationToken).ConfigureAwait(false);
        }

        await stream.WriteAsync(_tail, cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        if (_file is null)
        {
            length = _head.Length + _tail.Length;
            return true;
        }

        if (_file.Length is { } fileLength)
        {
            length = _head.Length + fileLength + _tail.Length;
            return true;
        }

        length = 0;
        return false;
    }

    private async Task CopyFileAsync(UploadContent file, Stream destination, CancellationToken cancellationToken)
    {
        var source = await file.Source.OpenAsync(cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(CopyBufferSize);
        long written = 0;
        try
        {
            _progress?.Report(new TransferProgress(0, file.Length));
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                file.Source.AddBytesRead(read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                written += read;
                _progress?.Report(new TransferProgress(written, file.Length));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            BytesWritten?.Invoke(written);
            if (file.Source.OwnsStream)
            {
                await source.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    // 128 bits of an HMAC make a collision with the content as unlikely as a random GUID. Without
    // a key to derive it from, the boundary is random and a repeat is no longer byte-identical.
    internal static string BoundaryFor(string idempotencyKey, string? boundaryKey)
    {
        Span<byte> digest = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (string.IsNullOrEmpty(boundaryKey))
        {
            RandomNumberGenerator.Fill(digest);
        }
        else
        {
            var hmac = BoundaryHmac(boundaryKey);
            hmac.AppendData(Utf8.GetBytes(idempotencyKey));
            hmac.GetHashAndReset(digest);
        }

        return "ctf-" + Convert.ToHexString(digest[..16]).ToLowerInvariant();
    }

    // Setting up an HMAC costs more than hashing a key of a few dozen bytes, so each thread keeps
    // one keyed by the last API key it used. NOTE: after a key rotation, the old key stays in that
    // HMAC until the thread submits again.
    [ThreadStatic]
    private static (string Key, IncrementalHash Hmac)? t_boundaryHmac;

    private static IncrementalHash BoundaryHmac(string boundaryKey)
    {
        if (t_boundaryHmac is { } cached && string.Equals(cached.Key, boundaryKey, StringComparison.Ordinal))
        {
            return cached.Hmac;
        }

        t_boundaryHmac?.Hmac.Dispose();
        var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Utf8.GetBytes(boundaryKey));
        t_boundaryHmac = (boundaryKey, hmac);
        return hmac;
    }

    private static string BuildHead(
        string boundary, IEnumerable<KeyValuePair<string, string>> fields, UploadContent? file)
    {
        var head = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            head.Append("--").Append(boundary).Append("\r\n")
                .Append("Content-Disposition: form-data; name=\"").Append(name).Append("\"\r\n\r\n")
                .Append(value).Append("\r\n");
        }

        if (file is not null)
        {
            head.Append("--").Append(boundary).Append("\r\n")
                .Append("Content-Disposition: form-data; name=\"file\"; ")
                .Append(UploadFileName.ToDispositionParameters(file.FileName)).Append("\r\n")
                .Append("Content-Type: ").Append(file.ContentType).Append("\r\n\r\n");
        }

        return head.ToString();
    }
}
