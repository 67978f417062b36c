using System.Buffers;
using System.Security.Cryptography;

namespace ChangeThisFile.Emulator.Http;

/// <summary>The stream went past the size cap; nothing beyond the cap was read.</summary>
internal sealed class SizeLimitExceededException(long limit)
    : Exception($"The data exceeds the size cap of {limit} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>Copies a stream to a file in chunks, enforcing a size cap and hashing as it goes.</summary>
internal static class LimitedCopy
{
    private const int BufferSize = 81920;

    /// <summary>Copies up to <paramref name="limit"/> bytes and returns the count.</summary>
    /// <exception cref="SizeLimitExceededException">The source has more than
    /// <paramref name="limit"/> bytes.</exception>
    public static async Task<long> CopyAsync(
        Stream source, Stream destination, long limit, IncrementalHash? hash, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            long total = 0;
            while (true)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken)
                    .ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                total += read;
                if (total > limit)
                {
                    throw new SizeLimitExceededException(limit);
                }

                hash?.AppendData(buffer, 0, read);
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }

            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Copies a stream into a new file at <paramref name="path"/>, deleting the file on
    /// failure.
    /// </summary>
    public static async Task<long> CopyToFileAsync(
        Stream source, string path, long limit, IncrementalHash? hash, CancellationToken cancellationToken)
    {
        try
        {
            var file = new FileStream(
                path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                return await CopyAsync(source, file, limit, hash, cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            TempFiles.TryDelete(path);
            throw;
        }
    }
}
