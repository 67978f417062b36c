namespace ChangeThisFile.Samples.Functions.Http;

/// <summary>Reads request bodies into memory without letting a large body exhaust it.</summary>
internal static class RequestBodies
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>
    /// Reads the rest of <paramref name="body"/>; stops and returns null as soon as it exceeds
    /// <paramref name="maxBytes"/>, whatever the <c>Content-Length</c> claimed.
    /// </summary>
    public static async Task<byte[]?> ReadAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
