using System.Runtime.InteropServices;

namespace ChangeThisFile.Client.Http;

/// <summary>Where the bytes of an upload come from, opened once per attempt.</summary>
internal abstract class UploadSource
{
    private long _bytesRead;

    /// <summary>How many bytes were read from this source so far, over all attempts and calls.</summary>
    public long BytesRead => Interlocked.Read(ref _bytesRead);

    /// <summary>
    /// Whether the bytes can be sent, or sent again: always when replayable, otherwise only before the first read.
    /// </summary>
    public bool CanSend => IsReplayable || BytesRead == 0;

    /// <summary>The length in bytes when known before reading.</summary>
    public abstract long? Length { get; }

    /// <summary>Whether the bytes can be read again from the start after a partial read.</summary>
    public abstract bool IsReplayable { get; }

    /// <summary>Whether the stream returned by <see cref="OpenAsync"/> is disposed after each attempt.</summary>
    public abstract bool OwnsStream { get; }

    /// <summary>Returns a stream positioned at the first byte of the file.</summary>
    public abstract ValueTask<Stream> OpenAsync(CancellationToken cancellationToken);

    public void AddBytesRead(int count) => Interlocked.Add(ref _bytesRead, count);
}

/// <summary>A caller-owned seekable stream, rewound to its starting position for each attempt.</summary>
internal sealed class SeekableStreamSource(Stream stream) : UploadSource
{
    private readonly long _start = stream.Position;

    public override long? Length => Math.Max(0, stream.Length - _start);

    public override bool IsReplayable => true;

    public override bool OwnsStream => false;

    public override ValueTask<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        stream.Position = _start;
        return ValueTask.FromResult(stream);
    }
}

/// <summary>A caller-owned stream that cannot seek; its bytes can be read only once.</summary>
internal sealed class ForwardOnlyStreamSource(Stream stream) : UploadSource
{
    public override long? Length => null;

    public override bool IsReplayable => false;

    public override bool OwnsStream => false;

    public override ValueTask<Stream> OpenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(stream);
}

/// <summary>A factory that opens a new stream over the source for each attempt.</summary>
internal sealed class FactorySource(Func<CancellationToken, ValueTask<Stream>> openStream, long? length)
    : UploadSource
{
    public override long? Length => length;

    public override bool IsReplayable => true;

    public override bool OwnsStream => true;

    public override async ValueTask<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        var stream = await openStream(cancellationToken).ConfigureAwait(false);
        return stream ?? throw new InvalidOperationException(
            "The upload stream factory returned null; it must return a readable stream at the start of the file.");
    }
}

/// <summary>Bytes in memory.</summary>
internal sealed class MemorySource(ReadOnlyMemory<byte> content) : UploadSource
{
    public override long? Length => content.Length;

    public override bool IsReplayable => true;

    public override bool OwnsStream => true;

    public override ValueTask<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        var stream = MemoryMarshal.TryGetArray(content, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(content.ToArray(), writable: false);
        return ValueTask.FromResult<Stream>(stream);
    }
}
