using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ChangeThisFile.Emulator.Webhooks;

/// <summary>
/// Computes <c>X-CTF-Signature</c> values. Current form: <c>t=&lt;unix&gt;,v1=&lt;hex&gt;</c>, an
/// HMAC-SHA-256 keyed by the ASCII text of the lowercase hex SHA-256 of the UTF-8 secret over
/// <c>ASCII(t) + "." + body</c>. Legacy form: <c>sha256=&lt;hex&gt;</c>, an HMAC-SHA-256 keyed by
/// the UTF-8 secret over the body alone.
/// </summary>
internal static class WebhookSigner
{
    public const string HeaderName = "X-CTF-Signature";

    /// <summary>
    /// Returns the lowercase hex v1 signature of <paramref name="body"/> at
    /// <paramref name="timestamp"/>.
    /// </summary>
    public static string ComputeV1(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var keyText = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.ASCII.GetBytes(keyText));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture)));
        hmac.AppendData("."u8);
        hmac.AppendData(body);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary>Returns the lowercase hex legacy signature of <paramref name="body"/>.</summary>
    public static string ComputeLegacy(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Returns the whole header value in the given form.</summary>
    public static string CreateHeader(
        WebhookSignatureForm form, string secret, long timestamp, ReadOnlySpan<byte> body) =>
        form == WebhookSignatureForm.Legacy
            ? "sha256=" + ComputeLegacy(secret, body)
            : string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={ComputeV1(secret, timestamp, body)}");
}
