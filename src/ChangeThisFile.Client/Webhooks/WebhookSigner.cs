using System.Security.Cryptography;
using System.Text;

namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// Produces <c>X-CTF-Signature</c> values exactly as the API does, so applications can send
/// signed test deliveries to their own receivers.
/// </summary>
public static class WebhookSigner
{
    /// <summary>Creates a current-form header <c>t=&lt;unix&gt;,v1=&lt;hex&gt;</c>.</summary>
    /// <param name="secret">The webhook secret as issued, including <c>whsec_</c>.</param>
    /// <param name="body">The exact body bytes that will be sent.</param>
    /// <param name="timestamp">The signing time; whole seconds are used.</param>
    /// <returns>The header value.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timestamp"/> is before 1970.</exception>
    public static string CreateSignatureHeader(string secret, ReadOnlySpan<byte> body, DateTimeOffset timestamp) =>
        CreateSignatureHeader([secret], body, timestamp);

    /// <summary>
    /// Creates a current-form header with one <c>v1</c> signature per secret, in order, as a
    /// sender does while a secret is being rotated.
    /// </summary>
    /// <param name="secrets">One or more webhook secrets.</param>
    /// <param name="body">The exact body bytes that will be sent.</param>
    /// <param name="timestamp">The signing time; whole seconds are used.</param>
    /// <returns>The header value.</returns>
    /// <exception cref="ArgumentException">No secret is given, or one is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="timestamp"/> is before 1970.</exception>
    public static string CreateSignatureHeader(
        IReadOnlyList<string> secrets, ReadOnlySpan<byte> body, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count == 0)
        {
            throw new ArgumentException("Pass at least one webhook secret.", nameof(secrets));
        }

        var seconds = timestamp.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(timestamp));
        var prefix = Encoding.ASCII.GetBytes($"{seconds}.");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));

        var header = new StringBuilder($"t={seconds}");
        foreach (var secret in secrets)
        {
            ArgumentException.ThrowIfNullOrEmpty(secret, nameof(secrets));
            header.Append(",v1=").Append(Hmac(WebhookKeys.DeriveV1Key(secret), message));
        }

        return header.ToString();
    }

    /// <summary>Creates a current-form header for a body given as text, encoded as UTF-8.</summary>
    /// <param name="secret">The webhook secret as issued.</param>
    /// <param name="body">The body text; its UTF-8 bytes are signed.</param>
    /// <param name="timestamp">The signing time; whole seconds are used.</param>
    /// <returns>The header value.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is null or empty.</exception>
    public static string CreateSignatureHeader(string secret, string body, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(body);
        return CreateSignatureHeader(secret, Encoding.UTF8.GetBytes(body), timestamp);
    }

    /// <summary>
    /// Creates a legacy-form header <c>sha256=&lt;hex&gt;</c>, keyed by the secret over the body
    /// alone. Receivers accept it only when they opted in to the legacy form.
    /// </summary>
    /// <param name="secret">The webhook secret as issued.</param>
    /// <param name="body">The exact body bytes that will be sent.</param>
    /// <returns>The header value.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is null or empty.</exception>
    public static string CreateLegacySignatureHeader(string secret, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return "sha256=" + Hmac(Encoding.UTF8.GetBytes(secret), body);
    }

    /// <summary>Creates a legacy-form header for a body given as text, encoded as UTF-8.</summary>
    /// <param name="secret">The webhook secret as issued.</param>
    /// <param name="body">The body text; its UTF-8 bytes are signed.</param>
    /// <returns>The header value.</returns>
    /// <exception cref="ArgumentException"><paramref name="secret"/> is null or empty.</exception>
    public static string CreateLegacySignatureHeader(string secret, string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        return CreateLegacySignatureHeader(secret, Encoding.UTF8.GetBytes(body));
    }

    private static string Hmac(byte[] key, ReadOnlySpan<byte> message)
    {
        Span<byte> mac = stackalloc byte[WebhookKeys.SignatureSize];
        HMACSHA256.HashData(key, message, mac);
        return WebhookHex.EncodeLowercase(mac);
    }
}
