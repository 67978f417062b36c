using System.Buffers;

namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// A parsed <c>X-CTF-Signature</c> header: its form, the timestamp of the v1 form, and how many
/// 32-byte signatures were decoded into the caller's buffer.
/// </summary>
/// <remarks>
/// Parts are separated by commas and may appear in any order with spaces or tabs around them;
/// empty parts and unknown schemes (such as <c>v0</c>) are ignored. A part without <c>=</c> or
/// with a second <c>=</c>, a repeated <c>t</c>, a timestamp that is not 1 to 19 digits, a
/// signature that is not exactly 64 hexadecimal characters (either case), a character outside
/// printable ASCII, more than <see cref="MaxSignatures"/> signatures or a header longer than
/// <see cref="MaxLength"/> characters make the whole header malformed.
/// </remarks>
internal readonly struct WebhookSignatureHeader
{
    /// <summary>The longest header accepted, in characters.</summary>
    public const int MaxLength = 4096;

    /// <summary>The most signatures one header may carry.</summary>
    public const int MaxSignatures = 8;

    /// <summary>Size of the buffer that <see cref="Parse"/> needs, in bytes.</summary>
    public const int SignatureBufferSize = MaxSignatures * WebhookKeys.SignatureSize;

    // Printable ASCII and tab; searched with vector instructions.
    private static readonly SearchValues<char> AllowedCharacters = SearchValues.Create(
        "\t !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    // 9999-12-31T23:59:59Z, the last second DateTimeOffset can represent.
    private const long MaxUnixSeconds = 253_402_300_799;

    private WebhookSignatureHeader(string? failure, WebhookSignatureForm form = WebhookSignatureForm.Unknown)
    {
        Failure = failure;
        Form = form;
    }

    private WebhookSignatureHeader(WebhookSignatureForm form, long timestamp, Range timestampText, int count)
    {
        Form = form;
        TimestampSeconds = timestamp;
        TimestampText = timestampText;
        SignatureCount = count;
    }

    /// <summary>Why the header is malformed, or <see langword="null"/> when it parsed.</summary>
    public string? Failure { get; }

    public WebhookSignatureForm Form { get; }

    /// <summary>The v1 timestamp in Unix seconds; 0 for the legacy form.</summary>
    public long TimestampSeconds { get; }

    /// <summary>Where the timestamp digits sit in the header, so they are signed exactly as sent.</summary>
    public Range TimestampText { get; }

    /// <summary>How many signatures were written to the buffer, 32 bytes each.</summary>
    public int SignatureCount { get; }

    /// <summary>
    /// Parses <paramref name="header"/>, writing decoded signatures to <paramref
    /// name="signatures"/>.
    /// </summary>
    public static WebhookSignatureHeader Parse(ReadOnlySpan<char> header, Span<byte> signatures)
    {
        if (header.Length > MaxLength)
        {
            return new(WebhookMessages.HeaderTooLong);
        }

        if (header.ContainsAnyExcept(AllowedCharacters))
        {
            return new(WebhookMessages.HeaderNotAscii);
        }

        var form = DetectForm(header);
        if (form == WebhookSignatureForm.Unknown)
        {
            return new(WebhookMessages.HeaderNoKnownForm);
        }

        return ParseParts(header, form, signatures);
    }

    private static WebhookSignatureForm DetectForm(ReadOnlySpan<char> header)
    {
        var hasLegacy = false;
        var position = 0;
        while (NextPart(header, ref position, out var start, out var length))
        {
            var part = header.Slice(start, length);
            if (part.StartsWith("t=", StringComparison.Ordinal) || part.StartsWith("v1=", StringComparison.Ordinal))
            {
                return WebhookSignatureForm.V1;
            }

            hasLegacy |= part.StartsWith("sha256=", StringComparison.Ordinal);
        }

        return hasLegacy ? WebhookSignatureForm.Legacy : WebhookSignatureForm.Unknown;
    }

    private static WebhookSignatureHeader ParseParts(
        ReadOnlySpan<char> header, WebhookSignatureForm form, Span<byte> signatures)
    {
        var signatureName = form == WebhookSignatureForm.V1 ? "v1" : "sha256";
        long timestamp = -1;
        Range timestampText = default;
        var count = 0;

        var position = 0;
        while (NextPart(header, ref position, out var start, out var length))
        {
            var part = header.Slice(start, length);
            if (part.IsEmpty)
            {
                continue;
            }

            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                return new(WebhookMessages.HeaderPartWithoutName, form);
            }

            var name = part[..equals];
            var value = part[(equals + 1)..];
            if (value.Contains('='))
            {
                return new(WebhookMessages.HeaderExtraEquals, form);
            }

            if (form == WebhookSignatureForm.V1 && name.SequenceEqual("t"))
            {
                if (timestamp >= 0)
                {
                    return new(WebhookMessages.HeaderRepeatedTimestamp, form);
                }

                if (!TryParseSeconds(value, out timestamp))
                {
                    return new(WebhookMessages.HeaderBadTimestamp, form);
                }

                timestampText = new Range(start + equals + 1, start + length);
            }
            else if (name.SequenceEqual(signatureName))
            {
                if (count == MaxSignatures)
                {
                    return new(WebhookMessages.HeaderTooManySignatures, form);
                }

                var slot = signatures.Slice(count * WebhookKeys.SignatureSize, WebhookKeys.SignatureSize);
                if (!WebhookHex.TryDecode(value, slot))
                {
                    return new(WebhookMessages.HeaderBadSignature, form);
                }

                count++;
            }
        }

        if (form == WebhookSignatureForm.V1 && timestamp < 0)
        {
            return new(WebhookMessages.HeaderNoTimestamp, form);
        }

        return count == 0
            ? new(WebhookMessages.HeaderNoSignature, form)
            : new(form, Math.Max(timestamp, 0), timestampText, count);
    }

    /// <summary>
    /// Finds the next comma-separated part at or after <paramref name="position"/>, trimmed of
    /// spaces and tabs; returns <see langword="false"/> after the last part.
    /// </summary>
    private static bool NextPart(ReadOnlySpan<char> header, ref int position, out int start, out int length)
    {
        start = position;
        length = 0;
        if (position > header.Length)
        {
            return false;
        }

        var comma = header[position..].IndexOf(',');
        length = comma < 0 ? header.Length - position : comma;
        position += length + 1;

        while (length > 0 && header[start] is ' ' or '\t')
        {
            start++;
            length--;
        }

        while (length > 0 && header[start + length - 1] is ' ' or '\t')
        {
            length--;
        }

        return true;
    }

    private static bool TryParseSeconds(ReadOnlySpan<char> digits, out long seconds)
    {
        seconds = 0;
        if (digits.IsEmpty || digits.Length > 19)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            seconds = (seconds * 10) + (c - '0');
            if (seconds > MaxUnixSeconds)
            {
                return false;
            }
        }

        return true;
    }
}
