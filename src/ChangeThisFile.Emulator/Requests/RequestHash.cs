using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChangeThisFile.Emulator.Requests;

/// <summary>
/// Hashes what makes two requests the same for idempotency: the method, the path, every text
/// field sorted by name, and the uploaded file's name and content hash. Multipart boundaries,
/// part order and header spelling do not count, so a retry that rebuilds the body still matches.
/// </summary>
internal static class RequestHash
{
    public static byte[] Compute(
        string method, string path, IReadOnlyDictionary<string, string> fields, UploadedFile? file)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, method.ToUpperInvariant());
        Append(hash, path);
        foreach (var (name, value) in fields.OrderBy(field => field.Key, StringComparer.Ordinal))
        {
            Append(hash, "field");
            Append(hash, name);
            Append(hash, value);
        }

        if (file is not null)
        {
            Append(hash, "file");
            Append(hash, file.FileName ?? string.Empty);
            Append(hash, file.Size.ToString(CultureInfo.InvariantCulture));
            Append(hash, file.Sha256);
        }

        return hash.GetHashAndReset();
    }

    // Length-prefixed, so that no two different field lists produce the same byte sequence.
    private static void Append(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        hash.AppendData(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture) + ":"));
        hash.AppendData(bytes);
    }
}
