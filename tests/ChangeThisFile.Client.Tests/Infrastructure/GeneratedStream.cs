namespace ChangeThisFile.Client.Tests.Infrastructure;

/// <summary>
/// A read-only stream of <see cref="Length"/> pseudo-random bytes generated on the fly, so large
/// uploads need no memory or disk. Seekable or forward-only as requested.
/// </summary>
public sealed class GeneratedStream(long length, bool seekable = true) : Stream
{
    // The content repeats with a prime period, so reads are block copies from this table.
    private const int Period = 65521;
    private static readonly byte[] Pattern = CreatePattern();
    private long _position;

    /// <summary>How many times a read started at offset zero, which shows how often the body was sent.</summary>
    public int ReadsFromStart { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => seekable;

    public override bool CanWrite => false;

    public override long Length => seekable ? length : throw new NotSupportedException();

    public override long Position
    {
        get => seekable ? _position : throw new NotSupportedException();
        set => _position = seekable ? value : throw new NotSupportedException();
    }

    /// <summary>Returns the byte at <paramref name="offset"/>; the same for every instance.</summary>
    public static byte ByteAt(long offset) => Pattern[offset % Period];

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_position == 0)
        {
            ReadsFromStart++;
        }

        var count = (int)Math.Min(buffer.Length, length - _position);
        var written = 0;
        while (written < count)
        {
            var start = (int)((_position + written) % Period);
            var run = Math.Min(count - written, Period - start);
            Pattern.AsSpan(start, run).CopyTo(buffer[written..]);
            written += run;
        }

        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override long Seek(long offset, SeekOrigin origin)
    {
        if (!seekable)
        {
            throw new NotSupportedException();
        }

        _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };
        return _position;
    }

    private static byte[] CreatePattern()
    {
        var pattern = new byte[Period];
        new Random(7).NextBytes(pattern);
        return pattern;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
