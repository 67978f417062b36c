using System.Security.Cryptography;

namespace ChangeThisFile.Client.Testing.Storage;

/// <summary>Keys and contents shared by the storage contract tests.</summary>
public static class StorageTestData
{
    /// <summary>The size of the large-object tests: 32 MiB.</summary>
    public const int LargeObjectBytes = 32 * 1024 * 1024;

    /// <summary>Keys that broke presigned URLs and event handling in the field, each valid on every backend.</summary>
    public static TheoryData<string> AwkwardKeys => new()
    {
        "uploads/My File [1] (copy)'s ✓.pdf",
        "uploads/plus+and space & ampersand=equals?.txt",
        "uploads/percent%20literal%2Fslash.bin",
        "uploads/日本語のファイル名.docx",
        "uploads/emoji 😀 and accents Résumé – naïve.png",
        "uploads/hash#semicolon;comma,at@dollar$excl!.csv",
        "uploads/tilde~caret^backtick`pipe|brace{}.txt",
        "uploads/quote\"double and <angle>.txt",
        "UPPER/Mixed.Case.PDF",
        "no-prefix.txt",
    };

    /// <summary>Keys that every storage must reject with an <see cref="ArgumentException"/>.</summary>
    public static TheoryData<string, string> InvalidKeys => new()
    {
        { "", "empty" },
        { "/leading-slash.pdf", "empty segment" },
        { "trailing-slash/", "empty segment" },
        { "double//slash.pdf", "empty segment" },
        { "uploads/../escape.pdf", "'..' segment" },
        { "./dot.pdf", "'.' segment" },
        { "back\\slash.pdf", "backslash" },
        { "control\u0001char.pdf", "control character" },
        { "new\nline.pdf", "control character" },
        { new string('k', ObjectKey.MaxLengthBytes + 1), "longer than" },
    };

    /// <summary>Returns deterministic pseudo-random bytes.</summary>
    /// <param name="length">The number of bytes.</param>
    /// <param name="seed">Selects the sequence.</param>
    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Returns the SHA-256 of a stream read to its end, with the number of bytes read.</summary>
    /// <param name="stream">The stream to read.</param>
    public static async Task<(string Hash, long Length)> HashAsync(Stream stream)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            length += read;
        }

        return (Convert.ToHexString(hash.GetHashAndReset()), length);
    }
}
