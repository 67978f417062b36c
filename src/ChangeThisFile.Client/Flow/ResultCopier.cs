using System.IO.Pipelines;
using System.Net;
using System.Runtime.ExceptionServices;
using ChangeThisFile.Client.Storage;

namespace ChangeThisFile.Client.Flow;

/// <summary>
/// Streams a result from the API into storage through a bounded in-memory pipe: the download
/// writes into one end while the storage write reads from the other, so at most
/// <see cref="PauseThresholdBytes"/> of the file is held in memory whatever its size. The storage
/// write starts only once the download has produced its first bytes.
/// </summary>
internal static class ResultCopier
{
    /// <summary>The pipe stops the download while this many bytes wait for storage: 1 MiB.</summary>
    public const long PauseThresholdBytes = 1024 * 1024;

    private const long ResumeThresholdBytes = PauseThresholdBytes / 2;

    /// <summary>
    /// Whether a download failed because the URL expired or the file is gone, so a fresh URL may work.
    /// </summary>
    public static bool IsLinkGone(ConversionApiException exception) =>
        exception.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            or HttpStatusCode.NotFound or HttpStatusCode.Gone;

    /// <summary>Copies the file at <paramref name="url"/> to <paramref name="key"/>.</summary>
    /// <returns>The number of bytes stored.</returns>
    /// <exception cref="DownloadUrlRejectedException">
    /// The URL failed the client's download checks; nothing was fetched or written.
    /// </exception>
    /// <remarks>
    /// When either side fails, the other is cancelled and the first failure is thrown. Whether a
    /// failed write leaves a partial object depends on the storage. The record is marked done only
    /// after a complete write, and the next delivery rewrites the whole result key.
    /// </remarks>
    public static async Task<long> CopyAsync(
        IConversionClient client,
        Uri url,
        IObjectStorage storage,
        string key,
        string contentType,
        CancellationToken cancellationToken)
    {
        var pipe = new Pipe(new PipeOptions(
            pauseWriterThreshold: PauseThresholdBytes,
            resumeWriterThreshold: ResumeThresholdBytes,
            useSynchronizationContext: false));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var write = WriteAsync(storage, key, contentType, pipe.Reader, stop, cancellationToken);

        DownloadResult download;
        try
        {
            var sink = pipe.Writer.AsStream(leaveOpen: true);
            await using (sink.ConfigureAwait(false))
            {
                download = await client.DownloadAsync(url, sink, null, stop.Token).ConfigureAwait(false);
            }

            await pipe.Writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await pipe.Writer.CompleteAsync(exception).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            var writeFailure = await CaptureFailureAsync(write).ConfigureAwait(false);

            // A storage failure that stopped the download is the cause; report it rather than the cancellation.
            if (writeFailure is not null && exception is OperationCanceledException
                && !cancellationToken.IsCancellationRequested)
            {
                ExceptionDispatchInfo.Throw(writeFailure);
            }

            throw;
        }

        await write.ConfigureAwait(false);
        return download.BytesWritten;
    }

    private static async Task WriteAsync(
        IObjectStorage storage,
        string key,
        string contentType,
        PipeReader reader,
        CancellationTokenSource stop,
        CancellationToken cancellationToken)
    {
        await Task.Yield();
        try
        {
            // Storage is not touched until the download delivered its first bytes (or ended empty):
            // a refused URL or an error response throws here, and no write is started.
            var first = await reader.ReadAsync(stop.Token).ConfigureAwait(false);
            reader.AdvanceTo(first.Buffer.Start);
            var source = reader.AsStream(leaveOpen: true);
            await using (source.ConfigureAwait(false))
            {
                await storage.WriteAsync(key, source, new ObjectWriteOptions { ContentType = contentType }, stop.Token)
                    .ConfigureAwait(false);
            }

            await reader.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await reader.CompleteAsync(exception).ConfigureAwait(false);
            if (!cancellationToken.IsCancellationRequested)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    private static async Task<Exception?> CaptureFailureAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
