using System.Buffers;
using System.Security.Cryptography;

namespace ChangeThisFile.Client.Webhooks;

public sealed partial class WebhookSignatureVerifier
{
    private const int StreamChunkSize = 16 * 1024;

    /// <summary>
    /// Verifies a delivery by reading its body from a stream, hashing it in fixed-size chunks so
    /// memory use does not grow with the body. Reading stops as soon as the body exceeds
    /// <see cref="WebhookVerificationOptions.MaxBodySize"/>. The header is checked first, so a
    /// malformed, stale or legacy-when-disabled delivery is rejected without reading the body.
    /// </summary>
    /// <remarks>
    /// The stream is consumed and not rewound; to parse the event afterwards, read the body into
    /// memory and use <see cref="Verify(ReadOnlySpan{byte}, string?)"/> or
    /// <see cref="VerifyAndParse(ReadOnlyMemory{byte}, string?)"/> instead.
    /// </remarks>
    /// <param name="body">The body stream, positioned at the first byte.</param>
    /// <param name="signatureHeader">The value of the <c>X-CTF-Signature</c> header, or null when absent.</param>
    /// <param name="cancellationToken">Cancels reading the stream.</param>
    /// <returns>The outcome; never throws on sender input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    /// <exception cref="IOException">The stream failed while it was read.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public async ValueTask<WebhookVerificationResult> VerifyAsync(
        Stream body, string? signatureHeader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var keys = CurrentKeys();
        if (keys is null)
        {
            return new(WebhookVerificationStatus.NoSecretConfigured, WebhookMessages.NoSecretConfigured);
        }

        if (string.IsNullOrWhiteSpace(signatureHeader))
        {
            return new(WebhookVerificationStatus.MissingHeader, WebhookMessages.MissingHeader);
        }

        var signatures = ArrayPool<byte>.Shared.Rent(WebhookSignatureHeader.SignatureBufferSize);
        var hashes = Array.Empty<IncrementalHash>();
        try
        {
            var parsed = WebhookSignatureHeader.Parse(signatureHeader, signatures);
            var precheck = Precheck(keys, parsed);
            if (precheck.Status != WebhookVerificationStatus.NotVerified)
            {
                return precheck;
            }

            hashes = CreateHashes(keys, parsed, signatureHeader);
            if (!await HashBodyAsync(body, hashes, keys.MaxBodySize, cancellationToken).ConfigureAwait(false))
            {
                return new(WebhookVerificationStatus.BodyTooLarge, WebhookMessages.BodyTooLarge, parsed.Form);
            }

            var count = parsed.SignatureCount * WebhookKeys.SignatureSize;
            return Matched(parsed, MatchHashes(hashes, signatures.AsSpan(0, count)));
        }
        finally
        {
            foreach (var hash in hashes)
            {
                hash.Dispose();
            }

            ArrayPool<byte>.Shared.Return(signatures);
        }
    }

    private static IncrementalHash[] CreateHashes(
        WebhookKeys keys, in WebhookSignatureHeader parsed, string header)
    {
        if (parsed.Form == WebhookSignatureForm.Legacy)
        {
            return [.. keys.LegacyKeys.Select(key => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key))];
        }

        var timestamp = header.AsSpan()[parsed.TimestampText];
        Span<byte> prefix = stackalloc byte[timestamp.Length + 1];
        WriteSignedPrefix(timestamp, prefix);

        var hashes = new IncrementalHash[keys.V1Keys.Length];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, keys.V1Keys[i]);
            hashes[i].AppendData(prefix);
        }

        return hashes;
    }

    /// <summary>Feeds the stream to every hash; returns false once the body exceeds the cap.</summary>
    private static async ValueTask<bool> HashBodyAsync(
        Stream body, IncrementalHash[] hashes, long maxBodySize, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(StreamChunkSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(chunk.AsMemory(0, StreamChunkSize), cancellationToken)
                .ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxBodySize)
                {
                    return false;
                }

                foreach (var hash in hashes)
                {
                    hash.AppendData(chunk, 0, read);
                }
            }

            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static int MatchHashes(IncrementalHash[] hashes, ReadOnlySpan<byte> signatures)
    {
        Span<byte> expected = stackalloc byte[WebhookKeys.SignatureSize];
        for (var k = 0; k < hashes.Length; k++)
        {
            hashes[k].GetHashAndReset(expected);
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
}
