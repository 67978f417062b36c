using System.Buffers;
using System.Security.Cryptography;

namespace ChangeThisFile.Client.Webhooks;

public sealed partial class WebhookSignatureVerifier
{
    private static WebhookVerificationResult Matched(in WebhookSignatureHeader parsed, int matchedIndex)
    {
        long? timestamp = parsed.Form == WebhookSignatureForm.V1 ? parsed.TimestampSeconds : null;
        return matchedIndex >= 0
            ? new(WebhookVerificationStatus.Valid, WebhookMessages.Valid, parsed.Form, timestamp, matchedIndex)
            : new(
                WebhookVerificationStatus.NoMatchingSignature,
                WebhookMessages.NoMatchingSignature,
                parsed.Form,
                timestamp);
    }

    private static int MatchV1(
        byte[][] keys, ReadOnlySpan<char> timestamp, ReadOnlySpan<byte> body, ReadOnlySpan<byte> signatures)
    {
        var length = timestamp.Length + 1 + body.Length;
        byte[]? rented = null;
        var message = length <= StackMessageLimit
            ? stackalloc byte[StackMessageLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            message = message[..length];
            WriteSignedPrefix(timestamp, message);
            body.CopyTo(message[(timestamp.Length + 1)..]);
            return MatchAny(keys, message, signatures);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int MatchLegacy(byte[][] keys, ReadOnlySpan<byte> body, ReadOnlySpan<byte> signatures) =>
        MatchAny(keys, body, signatures);

    /// <summary>Returns the index of the first key whose HMAC equals any signature, or -1.</summary>
    private static int MatchAny(byte[][] keys, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signatures)
    {
        Span<byte> expected = stackalloc byte[WebhookKeys.SignatureSize];
        for (var k = 0; k < keys.Length; k++)
        {
            HMACSHA256.HashData(keys[k], message, expected);
            for (var s = 0; s < signatures.Length; s += WebhookKeys.SignatureSize)
            {
                if (CryptographicOperations.FixedTimeEquals(expected, signatures.Slice(s, WebhookKeys.SignatureSize)))
                {
                    return k;
                }
            }
        }

        return -1;
    }

    /// <summary>Writes the timestamp digits (ASCII by construction) and a full stop.</summary>
    private static void WriteSignedPrefix(ReadOnlySpan<char> timestamp, Span<byte> destination)
    {
        for (var i = 0; i < timestamp.Length; i++)
        {
            destination[i] = (byte)timestamp[i];
        }

        destination[timestamp.Length] = (byte)'.';
    }
}
