namespace ChangeThisFile.Client.Local;

/// <summary>
/// A read-only view of a file stream that starts at an offset, so that the header of an object file
/// is invisible to readers: position 0 is the first content byte and the length is the content's.
/// </summary>
internal sealed class OffsetReadStream(FileStream inner, long start) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => inner.Length - start;

    public override long Position
    {
        get => inner.Position - start;
        set => inner.Position = start + Math.Max(0, value);
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => origin switch
    {
        SeekOrigin.Begin => inner.Seek(start + Math.Max(0, offset), SeekOrigin.Begin) - start,
        SeekOrigin.Current => inner.Seek(Math.Max(start - inner.Position, offset), SeekOrigin.Current) - start,
        _ => inner.Seek(Math.Max(-Length, offset), SeekOrigin.End) - start,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }
}
