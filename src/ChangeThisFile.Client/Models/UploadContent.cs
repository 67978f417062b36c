using ChangeThisFile.Client.Http;

namespace ChangeThisFile.Client;

/// <summary>
/// A file to upload: where its bytes come from, its file name and its media type.
/// </summary>
/// <remarks>
/// <para>
/// The bytes are streamed to the server and never buffered whole. Whether a failed upload can be
/// retried depends on the source. Content from a seekable stream is rewound to the position the
/// stream had when the content was created. Content from a factory, a file or a byte array is
/// opened again. A forward-only stream can be retried only while none of its bytes were read, and
/// after that a transient failure surfaces as <see cref="UploadNotReplayableException"/>.
/// </para>
/// <para>
/// The file name is sent as an ASCII <c>filename</c> parameter (each non-ASCII character replaced
/// by <c>_</c>, quotes and backslashes escaped) plus the exact name as RFC 5987
/// <c>filename*=UTF-8''...</c>. Control characters (U+0000 to U+001F and U+007F to U+009F), CR
/// and LF included, are removed. Long names are sent in full, without truncation.
/// </para>
/// </remarks>
public sealed class UploadContent
{
    /// <summary>The media type sent when none is given: <c>application/octet-stream</c>.</summary>
    public const string DefaultContentType = "application/octet-stream";

    private UploadContent(UploadSource source, string fileName, string? contentType)
    {
        Source = source;
        FileName = UploadFileName.Validate(fileName);
        ContentType = UploadContentTypes.Validate(contentType);
    }

    /// <summary>The file name as it will be sent (control characters removed).</summary>
    public string FileName { get; }

    /// <summary>The media type of the file part.</summary>
    public string ContentType { get; }

    /// <summary>The length in bytes when known in advance, otherwise <see langword="null"/>.</summary>
    public long? Length => Source.Length;

    /// <summary>Whether the client can send the bytes again when an attempt fails part-way.</summary>
    public bool IsReplayable => Source.IsReplayable;

    internal UploadSource Source { get; }

    /// <summary>Creates content read from a stream that the caller owns and disposes.</summary>
    /// <param name="stream">The stream, read from its current position to its end.</param>
    /// <param name="fileName">The file name; the API detects the source format from its extension.</param>
    /// <param name="contentType">The media type, default <c>application/octet-stream</c>.</param>
    /// <returns>Content that is replayable when <paramref name="stream"/> can seek.</returns>
    /// <exception cref="ArgumentException">The stream is not readable, or the file name is empty.</exception>
    public static UploadContent FromStream(Stream stream, string fileName, string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException(
                "The upload stream is not readable; pass a stream opened for reading.", nameof(stream));
        }

        UploadSource source = stream.CanSeek ? new SeekableStreamSource(stream) : new ForwardOnlyStreamSource(stream);
        return new UploadContent(source, fileName, contentType);
    }

    /// <summary>
    /// Creates content from a factory that opens the source. The client calls it once per attempt
    /// and disposes each stream it returns, so a failed upload can be retried.
    /// </summary>
    /// <param name="openStream">Opens a new stream positioned at the start of the file.</param>
    /// <param name="fileName">The file name; the API detects the source format from its extension.</param>
    /// <param name="length">The exact length in bytes, if known; it lets the client send <c>Content-Length</c>.</param>
    /// <param name="contentType">The media type, default <c>application/octet-stream</c>.</param>
    /// <returns>Replayable content.</returns>
    public static UploadContent FromFactory(
        Func<CancellationToken, ValueTask<Stream>> openStream,
        string fileName,
        long? length = null,
        string? contentType = null)
    {
        ArgumentNullException.ThrowIfNull(openStream);
        ArgumentOutOfRangeException.ThrowIfNegative(length ?? 0, nameof(length));
        return new UploadContent(new FactorySource(openStream, length), fileName, contentType);
    }

    /// <summary>Creates content that reads a file, opened again for each attempt.</summary>
    /// <param name="path">The path of the file.</param>
    /// <param name="fileName">The file name to send, default the name part of <paramref name="path"/>.</param>
    /// <param name="contentType">The media type, default <c>application/octet-stream</c>.</param>
    /// <returns>Replayable content whose length is the file's current length.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static UploadContent FromFile(string path, string? fileName = null, string? contentType = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The upload file '{path}' does not exist.", path);
        }

        var source = new FactorySource(_ => ValueTask.FromResult<Stream>(OpenForUpload(info.FullName)), info.Length);
        return new UploadContent(source, fileName ?? info.Name, contentType);
    }

    /// <summary>Creates content from bytes in memory.</summary>
    /// <param name="content">The bytes of the file.</param>
    /// <param name="fileName">The file name; the API detects the source format from its extension.</param>
    /// <param name="contentType">The media type, default <c>application/octet-stream</c>.</param>
    /// <returns>Replayable content.</returns>
    public static UploadContent FromBytes(ReadOnlyMemory<byte> content, string fileName, string? contentType = null) =>
        new(new MemorySource(content), fileName, contentType);

    private static FileStream OpenForUpload(string path) =>
        new(
            path,
            FileMode.Open,
            FileAccess.Read,
            FileShare.Read,
            bufferSize: 1,
            FileOptions.Asynchronous | FileOptions.SequentialScan);
}
