using System.Security.Cryptography;
using System.Text;

namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// The HMAC keys derived from the configured secrets, built once per options instance so the
/// verification path does no key work.
/// </summary>
internal sealed class WebhookKeys
{
    /// <summary>Length of an HMAC-SHA-256 output, and so of a decoded signature, in bytes.</summary>
    public const int SignatureSize = 32;

    /// <summary>Length of a v1 key: the lowercase hex text of a SHA-256 digest, in ASCII bytes.</summary>
    public const int V1KeySize = 64;

    private WebhookKeys(WebhookVerificationOptions source, byte[][] v1Keys, byte[][] legacyKeys)
    {
        Source = source;
        V1Keys = v1Keys;
        LegacyKeys = legacyKeys;
        V1Hmacs = new KeyedHmacs(v1Keys);
        LegacyHmacs = new KeyedHmacs(legacyKeys);
        ToleranceSeconds = (long)Math.Floor(source.Tolerance.TotalSeconds);
        AllowLegacy = source.AllowLegacySignatures;
        MaxBodySize = source.MaxBodySize;
    }

    /// <summary>The options instance these keys were built from.</summary>
    public WebhookVerificationOptions Source { get; }

    /// <summary>One v1 key per secret, in configuration order.</summary>
    public byte[][] V1Keys { get; }

    /// <summary>One legacy key per secret, or none when the legacy form is disabled.</summary>
    public byte[][] LegacyKeys { get; }

    /// <summary>Reusable HMAC objects for <see cref="V1Keys"/>.</summary>
    public KeyedHmacs V1Hmacs { get; }

    /// <summary>Reusable HMAC objects for <see cref="LegacyKeys"/>.</summary>
    public KeyedHmacs LegacyHmacs { get; }

    public long ToleranceSeconds { get; }

    public bool AllowLegacy { get; }

    public long MaxBodySize { get; }

    /// <summary>Whether at least one usable secret is configured.</summary>
    public bool HasSecrets => V1Keys.Length > 0;

    /// <summary>Builds the keys; empty and white-space secrets are skipped.</summary>
    public static WebhookKeys Create(WebhookVerificationOptions options)
    {
        var secrets = (options.Secrets ?? [])
            .Where(secret => !string.IsNullOrWhiteSpace(secret))
            .ToArray();
        var v1Keys = secrets.Select(DeriveV1Key).ToArray();
        var legacyKeys = options.AllowLegacySignatures
            ? secrets.Select(Encoding.UTF8.GetBytes).ToArray()
            : [];
        return new WebhookKeys(options, v1Keys, legacyKeys);
    }

    /// <summary>
    /// Derives the v1 HMAC key: the ASCII bytes of the lowercase hex SHA-256 of the UTF-8
    /// secret (64 bytes), not the 32 raw digest bytes and not the secret itself.
    /// </summary>
    public static byte[] DeriveV1Key(string secret)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(secret), digest);
        var key = new byte[V1KeySize];
        WebhookHex.EncodeLowercaseAscii(digest, key);
        return key;
    }
}
