using System.Security.Cryptography;

namespace ChangeThisFile.Client.Testing.Storage;

/// <summary>
/// A forward-only stream of deterministic pseudo-random bytes of a given length that hashes what it
/// produces, so that large uploads need no buffer of their own.
/// </summary>
public sealed class GeneratedStream(long length, int seed = 7) : Stream
{
    private readonly Random _random = new(seed);
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _produced;
    private string? _finalHash;

    /// <summary>The SHA-256 of the bytes produced so far, as uppercase hex; kept after disposal.</summary>
    public string Hash => _finalHash ?? Convert.ToHexString(_hash.GetCurrentHash());

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position
    {
        get => _produced;
        set => throw new NotSupportedException();
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, length - _produced);
        if (count <= 0)
        {
            return 0;
        }

        var chunk = buffer[..count];
        _random.NextBytes(chunk);
        _hash.AppendData(chunk);
        _produced += count;
        return count;
    }

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    /// <inheritdoc />
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _finalHash is null)
        {
            _finalHash = Hash;
            _hash.Dispose();
        }

        base.Dispose(disposing);
    }
}
