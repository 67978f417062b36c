using System.Buffers;
using ChangeThisFile.Client.Diagnostics;

namespace ChangeThisFile.Client.Http;

/// <summary>Reads a small response body into memory with a size limit.</summary>
internal static class ResponseBuffer
{
    /// <summary>The largest successful control response accepted: 16 MiB.</summary>
    public const int MaxSuccessBodyBytes = 16 * 1024 * 1024;

    /// <summary>The part of an error body kept for parsing: 64 KiB; the rest is discarded.</summary>
    public const int MaxErrorBodyBytes = 64 * 1024;

    // Bytes read from the network per call: 16 KiB.
    private const int ChunkSize = 16 * 1024;

    /// <summary>
    /// Replaces the response content with an in-memory copy. An error body is cut at
    /// <see cref="MaxErrorBodyBytes"/>; a success body over <see cref="MaxSuccessBodyBytes"/> is rejected.
    /// </summary>
    /// <exception cref="HttpRequestException">The body ended early; retried as a transient failure.</exception>
    /// <exception cref="InvalidDataException">A success body exceeded the limit.</exception>
    public static async Task LoadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var original = response.Content;
#if NET9_0_OR_GREATER
        // A success body of announced, acceptable length is buffered in place: no second content
        // and no copy of its headers, which is most of what buffering costs on every call.
        if (response.IsSuccessStatusCode && original.Headers.ContentLength is <= MaxSuccessBodyBytes)
        {
            try
            {
                await original.LoadIntoBufferAsync(MaxSuccessBodyBytes, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (HttpRequestException exception) when (exception.InnerException is IOException io)
            {
                throw EndedEarly(response, io);
            }
            catch (IOException exception)
            {
                throw EndedEarly(response, exception);
            }
        }
#endif

        var limit = response.IsSuccessStatusCode ? MaxSuccessBodyBytes : MaxErrorBodyBytes;
        byte[] body;
        try
        {
            body = await ReadAtMostAsync(original, limit, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            throw EndedEarly(response, exception);
        }

        if (response.IsSuccessStatusCode && body.Length > MaxSuccessBodyBytes)
        {
            throw new InvalidDataException(
                $"The response from {UrlRedaction.Redact(response.RequestMessage?.RequestUri)} is larger than " +
                $"{MaxSuccessBodyBytes} bytes, which is not plausible for this endpoint.");
        }

        var copy = new ByteArrayContent(body);
        foreach (var header in original.Headers.NonValidated)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        copy.Headers.ContentLength = body.Length;
        response.Content = copy;
        original.Dispose();
    }

    private static HttpRequestException EndedEarly(HttpResponseMessage response, IOException exception) =>
        new(
            HttpRequestError.ResponseEnded,
            $"The response body from {UrlRedaction.Redact(response.RequestMessage?.RequestUri)} ended early.",
            exception);

    // Reads up to limit + 1 bytes so the caller can tell an oversized success body from a full one.
    // The copy buffer is pooled and the body buffer is sized from Content-Length when it is sent,
    // so a small body costs one array of its own length.
    private static async Task<byte[]> ReadAtMostAsync(
        HttpContent content, int limit, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            await using (stream.ConfigureAwait(false))
            {
                var expected = content.Headers.ContentLength;
                using var buffer = new MemoryStream(expected is >= 0 and <= ChunkSize ? (int)expected : 0);
                int read;
                while (buffer.Length <= limit
                    && (read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    buffer.Write(chunk, 0, read);
                }

                return buffer.Length > limit + 1 ? buffer.ToArray()[..(limit + 1)] : WholeBuffer(buffer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    // Returns the stream's own array when the body filled it exactly, which saves a copy.
    private static byte[] WholeBuffer(MemoryStream buffer) =>
        buffer.TryGetBuffer(out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : buffer.ToArray();
}
