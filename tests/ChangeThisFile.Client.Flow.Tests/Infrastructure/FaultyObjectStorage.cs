namespace ChangeThisFile.Client.Flow.Tests.Infrastructure;

/// <summary>
/// Wraps a real storage and makes its next writes fail, the way a storage service that is down
/// fails: an I/O error before any byte is stored. Everything else goes to the real storage.
/// </summary>
public sealed class FaultyObjectStorage(IObjectStorage inner) : IObjectStorage
{
    private int _failNextWrites;
    private int _writes;
    private int _failedWrites;

    public IObjectStorage Inner { get; } = inner;

    /// <summary>Every write attempted, failed ones included.</summary>
    public int Writes => Volatile.Read(ref _writes);

    public int FailedWrites => Volatile.Read(ref _failedWrites);

    public void FailNextWrites(int count) => Interlocked.Add(ref _failNextWrites, count);

    public void Reset()
    {
        Interlocked.Exchange(ref _failNextWrites, 0);
        Interlocked.Exchange(ref _writes, 0);
        Interlocked.Exchange(ref _failedWrites, 0);
    }

    public Task WriteAsync(
        string key, Stream content, ObjectWriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _writes);
        if (TakeFault(ref _failNextWrites))
        {
            Interlocked.Increment(ref _failedWrites);
            throw new IOException($"Injected fault: the storage is down and rejected the write of '{key}'.");
        }

        return Inner.WriteAsync(key, content, options, cancellationToken);
    }

    public Task<PresignedRequest> CreateUploadRequestAsync(
        string key, PresignedUploadOptions options, CancellationToken cancellationToken = default) =>
        Inner.CreateUploadRequestAsync(key, options, cancellationToken);

    public Task<PresignedRequest> CreateDownloadRequestAsync(
        string key, PresignedDownloadOptions options, CancellationToken cancellationToken = default) =>
        Inner.CreateDownloadRequestAsync(key, options, cancellationToken);

    public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
        Inner.OpenReadAsync(key, cancellationToken);

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
        Inner.ExistsAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        Inner.DeleteAsync(key, cancellationToken);

    internal static bool TakeFault(ref int counter)
    {
        while (true)
        {
            var current = Volatile.Read(ref counter);
            if (current <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref counter, current - 1, current) == current)
            {
                return true;
            }
        }
    }
}
