using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChangeThisFile.Client.Local;

/// <summary>
/// The grant a presigned local URL carries: which object, which method, until when, and the
/// conditions of an upload. The signature covers every field.
/// </summary>
internal sealed record LocalGrant(
    string Method, string Key, long ExpiresUnixMs, string? ContentType, long? MaxSizeBytes, string? FileName);

/// <summary>Signs and verifies <see cref="LocalGrant"/> values with HMAC-SHA256.</summary>
internal sealed class LocalUrlSigner(byte[] key)
{
    internal const string ExpiresParameter = "expires";
    internal const string ContentTypeParameter = "content-type";
    internal const string MaxSizeParameter = "max-size";
    internal const string FileNameParameter = "filename";
    internal const string SignatureParameter = "signature";

    private const string Scheme = "CTF-LOCAL-V1";

    public string Sign(LocalGrant grant)
    {
        var mac = HMACSHA256.HashData(key, Canonical(grant));
        return Base64UrlEncode(mac);
    }

    public bool Verify(LocalGrant grant, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || signature.Length > 64)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(key, Canonical(grant));
        var actual = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Base64UrlEncode(expected)), actual);
    }

    public string Query(LocalGrant grant)
    {
        var query = new StringBuilder();
        Append(query, ExpiresParameter, grant.ExpiresUnixMs.ToString(CultureInfo.InvariantCulture));
        Append(query, ContentTypeParameter, grant.ContentType);
        Append(query, MaxSizeParameter, grant.MaxSizeBytes?.ToString(CultureInfo.InvariantCulture));
        Append(query, FileNameParameter, grant.FileName);
        Append(query, SignatureParameter, Sign(grant));
        return query.ToString();
    }

    // Each field is length-prefixed, so no value can shift text into the next field.
    private static byte[] Canonical(LocalGrant grant)
    {
        var builder = new StringBuilder(Scheme).Append('\n');
        foreach (var field in new[]
        {
            grant.Method, grant.Key, grant.ExpiresUnixMs.ToString(CultureInfo.InvariantCulture), grant.ContentType,
            grant.MaxSizeBytes?.ToString(CultureInfo.InvariantCulture), grant.FileName,
        })
        {
            builder.Append(field is null ? "-" : $"{field.Length}:{field}").Append('\n');
        }

        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void Append(StringBuilder query, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
