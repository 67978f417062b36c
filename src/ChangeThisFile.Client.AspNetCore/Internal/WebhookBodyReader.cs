using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace ChangeThisFile.Client.AspNetCore.Internal;

internal enum BodyReadOutcome
{
    Complete,
    TooLarge,
    TimedOut,
    Aborted,
    Malformed,
}

/// <summary>
/// Reads a request body into an exactly sized array within a size cap and a time limit, then
/// replaces <see cref="HttpRequest.Body"/> with a seekable copy so later middleware, endpoint
/// filters and model binding can read it again.
/// </summary>
internal static class WebhookBodyReader
{
    private const int DefaultInitialBuffer = 16 * 1024;

    public static async Task<(BodyReadOutcome Outcome, byte[] Body)> ReadAsync(
        HttpRequest request, long maxBytes, TimeSpan timeout, TimeProvider timeProvider)
    {
        if (request.ContentLength > maxBytes)
        {
            return (BodyReadOutcome.TooLarge, []);
        }

        using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(
            timeoutSource.Token, request.HttpContext.RequestAborted);
        try
        {
            // Something earlier may have buffered and read the body without rewinding it.
            if (request.Body.CanSeek && request.Body.Position != 0)
            {
                request.Body.Position = 0;
            }

            var body = await ReadCappedAsync(request.Body, request.ContentLength, maxBytes, linked.Token)
                .ConfigureAwait(false);
            if (body is null)
            {
                return (BodyReadOutcome.TooLarge, []);
            }

            request.Body = new MemoryStream(body, 0, body.Length, writable: false, publiclyVisible: true);
            return (BodyReadOutcome.Complete, body);
        }
        catch (OperationCanceledException) when (timeoutSource.IsCancellationRequested
            && !request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return (BodyReadOutcome.TimedOut, []);
        }
        catch (OperationCanceledException)
        {
            return (BodyReadOutcome.Aborted, []);
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's own limits: request body size (413) and minimum data rate (408).
            return exception.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => (BodyReadOutcome.TooLarge, []),
                StatusCodes.Status408RequestTimeout => (BodyReadOutcome.TimedOut, []),
                _ => (BodyReadOutcome.Malformed, []),
            };
        }
        catch (IOException)
        {
            return (BodyReadOutcome.Aborted, []);
        }
    }

    /// <summary>Returns the body, or null as soon as it exceeds <paramref name="maxBytes"/>.</summary>
    private static async Task<byte[]?> ReadCappedAsync(
        Stream stream, long? contentLength, long maxBytes, CancellationToken cancellationToken)
    {
        // One byte of room beyond the cap, so a body that is too long is seen as such.
        var limit = (int)Math.Min(maxBytes + 1, Array.MaxLength);
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(contentLength + 1 ?? DefaultInitialBuffer, limit));
        var total = 0;
        try
        {
            while (true)
            {
                if (total == buffer.Length)
                {
                    buffer = Grow(buffer, limit);
                }

                var read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return buffer.AsSpan(0, total).ToArray();
                }

                total += read;
                if (total > maxBytes)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int limit)
    {
        var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit));
        buffer.AsSpan().CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
    }
}
