using System.Security.Cryptography;
using System.Text;

namespace ChangeThisFile.Emulator.Tests.Infrastructure;

/// <summary>
/// Signature checks written from the documented algorithm, independent of the emulator's signer.
/// The v1 form keys HMAC-SHA-256 with the ASCII text of the lowercase hex SHA-256 of the secret
/// and signs "t.body". The legacy form keys it with the UTF-8 secret and signs the body alone.
/// </summary>
public static class TestSignatures
{
    public static string V1(string secret, string timestamp, byte[] body)
    {
        var keyText = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))).ToLowerInvariant();
        var key = Encoding.ASCII.GetBytes(keyText);
        var message = Encoding.ASCII.GetBytes(timestamp + ".").Concat(body).ToArray();
        return Convert.ToHexString(HMACSHA256.HashData(key, message)).ToLowerInvariant();
    }

    public static string Legacy(string secret, byte[] body) =>
        Convert.ToHexString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)).ToLowerInvariant();

    /// <summary>Splits <c>t=...,v1=...</c> into its parts.</summary>
    public static (string Timestamp, string Signature) ParseV1(string header)
    {
        var parts = header.Split(',').Select(part => part.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair[1]);
        return (parts["t"], parts["v1"]);
    }
}
