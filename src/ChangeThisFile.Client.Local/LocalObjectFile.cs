using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ChangeThisFile.Client.Local;

/// <summary>
/// The on-disk form of one object: a file named by the SHA-256 of its key, holding a small header
/// (the key and content type as JSON) followed by the content. Hashing makes any valid key a safe
/// file name on every file system, case-insensitive ones included, so no key can traverse paths.
/// Keeping one file per object lets a write replace key, type and content in one atomic rename.
/// </summary>
/// <remarks>
/// Layout: the 8 ASCII bytes <c>CTFOBJ01</c>, a little-endian 32-bit header length, the UTF-8 JSON
/// header <c>{"key":"…","contentType":"…"}</c>, then the content bytes.
/// </remarks>
internal static class LocalObjectFile
{
    private const int MaxHeaderBytes = 64 * 1024;
    private static readonly byte[] Magic = "CTFOBJ01"u8.ToArray();

    /// <summary>Returns the object's path under <c>{root}/objects/{first two hex digits}/</c>.</summary>
    public static string PathFor(string objectsRoot, string key)
    {
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLowerInvariant();
        return Path.Combine(objectsRoot, hash[..2], hash);
    }

    public static async Task WriteHeaderAsync(
        Stream destination, string key, string contentType, CancellationToken cancellationToken)
    {
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            writer.WriteString("key", key);
            writer.WriteString("contentType", contentType);
            writer.WriteEndObject();
        }

        var prefix = new byte[Magic.Length + sizeof(int)];
        Magic.CopyTo(prefix, 0);
        BinaryPrimitives.WriteInt32LittleEndian(prefix.AsSpan(Magic.Length), (int)json.Length);
        await destination.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
        await destination.WriteAsync(
            json.GetBuffer().AsMemory(0, (int)json.Length), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens an object file and reads its header.</summary>
    /// <returns>The content stream positioned at the first content byte, and the stored content type.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an object file.</exception>
    public static async Task<(
        Stream Content, string ContentType)> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Open,
            Access = FileAccess.Read,
            Share = FileShare.Read | FileShare.Delete,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
        });
        try
        {
            var prefix = new byte[Magic.Length + sizeof(int)];
            await file.ReadExactlyAsync(prefix, cancellationToken).ConfigureAwait(false);
            var length = BinaryPrimitives.ReadInt32LittleEndian(prefix.AsSpan(Magic.Length));
            if (!prefix.AsSpan(0, Magic.Length).SequenceEqual(Magic) || length is < 2 or > MaxHeaderBytes)
            {
                throw new InvalidDataException($"'{path}' is not an object file of the local storage.");
            }

            var header = new byte[length];
            await file.ReadExactlyAsync(header, cancellationToken).ConfigureAwait(false);
            var contentType = ReadContentType(header);
            return (new OffsetReadStream(file, file.Position), contentType);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static string ReadContentType(byte[] header)
    {
        var reader = new Utf8JsonReader(header);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("contentType"u8))
            {
                reader.Read();
                return reader.GetString() ?? "application/octet-stream";
            }
        }

        return "application/octet-stream";
    }
}
