using System.Security.Cryptography;

namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// One keyed HMAC-SHA-256 object per key and thread, reused across verifications. Reuse skips
/// the per-call setup of <see cref="HMACSHA256.HashData(byte[], byte[])"/>, which took about
/// 1.3 µs on a 2-core AMD EPYC VM (docs/benchmarks.md), longer than hashing 1 KiB. The timestamp
/// and the body go in as two appends, so the body is never copied into a signed-message buffer.
/// </summary>
/// <remarks>
/// <see cref="IncrementalHash.GetHashAndReset(Span{byte})"/> returns the object to its keyed
/// initial state. An object whose use threw is dropped, because its state is then unknown.
/// Objects of a key set that was replaced are released by their finalizers.
/// </remarks>
internal sealed class KeyedHmacs : IDisposable
{
    private readonly byte[][] _keys;
    private readonly ThreadLocal<IncrementalHash?[]> _perThread;

    public KeyedHmacs(byte[][] keys)
    {
        _keys = keys;
        _perThread = new ThreadLocal<IncrementalHash?[]>(() => new IncrementalHash?[keys.Length]);
    }

    /// <summary>The number of keys.</summary>
    public int Count => _keys.Length;

    /// <summary>
    /// Computes the HMAC of <paramref name="prefix"/> followed by <paramref name="message"/>
    /// with key <paramref name="index"/> into <paramref name="destination"/> (32 bytes).
    /// </summary>
    public void Compute(int index, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> message, Span<byte> destination)
    {
        var hashes = _perThread.Value!;
        var hash = hashes[index] ?? IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _keys[index]);
        hashes[index] = null;
        try
        {
            hash.AppendData(prefix);
            hash.AppendData(message);
            hash.GetHashAndReset(destination);
        }
        catch
        {
            hash.Dispose();
            throw;
        }

        hashes[index] = hash;
    }

    public void Dispose() => _perThread.Dispose();
}
