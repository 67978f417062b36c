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
        KeyedHmacs hmacs, ReadOnlySpan<char> timestamp, ReadOnlySpan<byte> body, ReadOnlySpan<byte> signatures)
    {
        // The header parser admits at most 19 timestamp digits.
        Span<byte> prefix = stackalloc byte[timestamp.Length + 1];
        WriteSignedPrefix(timestamp, prefix);
        return MatchAny(hmacs, prefix, body, signatures);
    }

    private static int MatchLegacy(KeyedHmacs hmacs, ReadOnlySpan<byte> body, ReadOnlySpan<byte> signatures) =>
        MatchAny(hmacs, [], body, signatures);

    /// <summary>Returns the index of the first key whose HMAC equals any signature, or -1.</summary>
    private static int MatchAny(
        KeyedHmacs hmacs, ReadOnlySpan<byte> prefix, ReadOnlySpan<byte> body, ReadOnlySpan<byte> signatures)
    {
        Span<byte> expected = stackalloc byte[WebhookKeys.SignatureSize];
        for (var k = 0; k < hmacs.Count; k++)
        {
            hmacs.Compute(k, prefix, body, expected);
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
