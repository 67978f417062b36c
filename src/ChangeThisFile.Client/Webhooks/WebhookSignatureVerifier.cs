using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// Verifies the <c>X-CTF-Signature</c> header of a webhook delivery against the raw body bytes.
/// Thread-safe; register one instance per application.
/// </summary>
/// <remarks>
/// <para>
/// The current form <c>t=&lt;unix&gt;,v1=&lt;hex&gt;</c> is HMAC-SHA-256 keyed by the ASCII bytes of the
/// lowercase hex SHA-256 of the UTF-8 secret, over the timestamp digits as sent, a full stop and
/// the body. The legacy form <c>sha256=&lt;hex&gt;</c> is HMAC-SHA-256 keyed by the UTF-8 secret over
/// the body alone and is accepted only when <see cref="WebhookVerificationOptions.AllowLegacySignatures"/>
/// is set.
/// </para>
/// <para>
/// Verification never throws on anything the sender controls and returns a
/// <see cref="WebhookVerificationResult"/> instead. Always pass the body exactly as received:
/// parsing and re-serializing JSON changes its bytes and breaks the signature.
/// </para>
/// </remarks>
public sealed partial class WebhookSignatureVerifier
{
    private readonly IOptionsMonitor<WebhookVerificationOptions> _options;
    private readonly TimeProvider _timeProvider;
    private WebhookKeys? _keys;

    /// <summary>
    /// Creates a verifier that rereads its options on every change, so secrets can rotate
    /// without a restart. Keys are derived once per options instance.
    /// </summary>
    /// <param name="options">The options source, usually from dependency injection.</param>
    /// <param name="timeProvider">The clock for the tolerance check; the system clock when null.</param>
    public WebhookSignatureVerifier(
        IOptionsMonitor<WebhookVerificationOptions> options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Creates a verifier from fixed options, for code without dependency injection. The
    /// options are validated and copied now; later changes to the object are not seen.
    /// </summary>
    /// <param name="options">The secrets and limits.</param>
    /// <param name="timeProvider">The clock for the tolerance check; the system clock when null.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message names the fix.</exception>
    public WebhookSignatureVerifier(WebhookVerificationOptions options, TimeProvider? timeProvider = null)
        : this(new FixedOptionsMonitor(Validated(options)), timeProvider)
    {
    }

    /// <summary>Verifies a delivery whose body is in a contiguous span.</summary>
    /// <param name="body">The body bytes exactly as received.</param>
    /// <param name="signatureHeader">The value of the <c>X-CTF-Signature</c> header, or null when absent.</param>
    /// <returns>The outcome; never throws on sender input.</returns>
    public WebhookVerificationResult Verify(ReadOnlySpan<byte> body, string? signatureHeader)
    {
        var keys = CurrentKeys();
        if (keys is null)
        {
            return new(WebhookVerificationStatus.NoSecretConfigured, WebhookMessages.NoSecretConfigured);
        }

        if (body.Length > keys.MaxBodySize)
        {
            return new(WebhookVerificationStatus.BodyTooLarge, WebhookMessages.BodyTooLarge);
        }

        return VerifyCore(keys, body, signatureHeader);
    }

    /// <summary>Verifies a delivery whose body is in an array.</summary>
    /// <param name="body">The body bytes exactly as received.</param>
    /// <param name="signatureHeader">The value of the <c>X-CTF-Signature</c> header, or null when absent.</param>
    /// <returns>The outcome; never throws on sender input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public WebhookVerificationResult Verify(byte[] body, string? signatureHeader)
    {
        ArgumentNullException.ThrowIfNull(body);
        return Verify(body.AsSpan(), signatureHeader);
    }

    /// <summary>Verifies a delivery whose body is in a possibly segmented sequence, such as a pipe buffer.</summary>
    /// <param name="body">The body bytes exactly as received.</param>
    /// <param name="signatureHeader">The value of the <c>X-CTF-Signature</c> header, or null when absent.</param>
    /// <returns>The outcome; never throws on sender input.</returns>
    public WebhookVerificationResult Verify(ReadOnlySequence<byte> body, string? signatureHeader)
    {
        if (body.IsSingleSegment)
        {
            return Verify(body.FirstSpan, signatureHeader);
        }

        if (CheckKeysAndSize(body.Length) is { } failure)
        {
            return failure;
        }

        var length = (int)body.Length;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            body.CopyTo(buffer);
            return Verify(buffer.AsSpan(0, length), signatureHeader);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Verifies a delivery whose body is available only as text. The string must be the exact
    /// raw body decoded as UTF-8 (as hosts such as API Gateway pass it); it is encoded back to
    /// UTF-8 before hashing. A body that was not valid UTF-8 does not survive that round trip
    /// and fails with <see cref="WebhookVerificationStatus.NoMatchingSignature"/>, so prefer a
    /// byte overload whenever the host offers the bytes.
    /// </summary>
    /// <param name="body">The exact raw body, decoded as UTF-8.</param>
    /// <param name="signatureHeader">The value of the <c>X-CTF-Signature</c> header, or null when absent.</param>
    /// <returns>The outcome; never throws on sender input.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> is null.</exception>
    public WebhookVerificationResult Verify(string body, string? signatureHeader)
    {
        ArgumentNullException.ThrowIfNull(body);

        // Every character encodes to at least one byte, so a long string fails before counting.
        if (CheckKeysAndSize(body.Length) is { } failure)
        {
            return failure;
        }

        var byteCount = Encoding.UTF8.GetByteCount(body);
        if (CheckKeysAndSize(byteCount) is { } tooLarge)
        {
            return tooLarge;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(byteCount);
        try
        {
            var written = Encoding.UTF8.GetBytes(body, buffer);
            return Verify(buffer.AsSpan(0, written), signatureHeader);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Returns a failure when no secret is configured or the body exceeds the cap.</summary>
    private WebhookVerificationResult? CheckKeysAndSize(long bodyLength)
    {
        var keys = CurrentKeys();
        if (keys is null)
        {
            return new(WebhookVerificationStatus.NoSecretConfigured, WebhookMessages.NoSecretConfigured);
        }

        return bodyLength > keys.MaxBodySize
            ? new(WebhookVerificationStatus.BodyTooLarge, WebhookMessages.BodyTooLarge)
            : null;
    }

    private WebhookVerificationResult VerifyCore(WebhookKeys keys, ReadOnlySpan<byte> body, string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return new(WebhookVerificationStatus.MissingHeader, WebhookMessages.MissingHeader);
        }

        Span<byte> signatures = stackalloc byte[WebhookSignatureHeader.SignatureBufferSize];
        var parsed = WebhookSignatureHeader.Parse(header, signatures);
        var precheck = Precheck(keys, parsed);
        if (precheck.Status != WebhookVerificationStatus.NotVerified)
        {
            return precheck;
        }

        signatures = signatures[..(parsed.SignatureCount * WebhookKeys.SignatureSize)];
        var matched = parsed.Form == WebhookSignatureForm.Legacy
            ? MatchLegacy(keys.LegacyHmacs, body, signatures)
            : MatchV1(keys.V1Hmacs, header.AsSpan()[parsed.TimestampText], body, signatures);
        return Matched(parsed, matched);
    }

    /// <summary>
    /// Checks everything that needs no HMAC: the header shape, the legacy opt-in and the
    /// timestamp. Returns a result with <see cref="WebhookVerificationStatus.NotVerified"/>
    /// when the signatures still have to be compared.
    /// </summary>
    private WebhookVerificationResult Precheck(WebhookKeys keys, in WebhookSignatureHeader parsed)
    {
        if (parsed.Failure is { } failure)
        {
            return new(WebhookVerificationStatus.MalformedHeader, failure, parsed.Form);
        }

        if (parsed.Form == WebhookSignatureForm.Legacy)
        {
            return keys.AllowLegacy
                ? default
                : new(WebhookVerificationStatus.LegacyFormDisabled, WebhookMessages.LegacyFormDisabled, parsed.Form);
        }

        var now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - parsed.TimestampSeconds) > keys.ToleranceSeconds)
        {
            return new(
                WebhookVerificationStatus.TimestampOutsideTolerance,
                WebhookMessages.TimestampOutsideTolerance,
                parsed.Form,
                parsed.TimestampSeconds);
        }

        return default;
    }


    /// <summary>
    /// Returns the keys for the current options, rebuilding them when the options instance
    /// changed, or null when no secret is configured or the options fail validation.
    /// </summary>
    private WebhookKeys? CurrentKeys()
    {
        WebhookVerificationOptions options;
        try
        {
            options = _options.CurrentValue;
        }
        catch (OptionsValidationException)
        {
            return null;
        }

        var keys = Volatile.Read(ref _keys);
        if (keys is null || !ReferenceEquals(keys.Source, options))
        {
            keys = WebhookKeys.Create(options);
            Volatile.Write(ref _keys, keys);
        }

        return keys.HasSecrets ? keys : null;
    }

    private static WebhookVerificationOptions Validated(WebhookVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = new WebhookVerificationOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            throw new ArgumentException(result.FailureMessage, nameof(options));
        }

        return new WebhookVerificationOptions
        {
            Secrets = [.. options.Secrets],
            Tolerance = options.Tolerance,
            AllowLegacySignatures = options.AllowLegacySignatures,
            MaxBodySize = options.MaxBodySize,
        };
    }

    private sealed class FixedOptionsMonitor(WebhookVerificationOptions value)
        : IOptionsMonitor<WebhookVerificationOptions>
    {
        public WebhookVerificationOptions CurrentValue => value;

        public WebhookVerificationOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<WebhookVerificationOptions, string?> listener) => null;
    }
}
