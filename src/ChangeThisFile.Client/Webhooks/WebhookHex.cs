namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// Hexadecimal encoding and decoding over spans that never throws on bad input, because the
/// text being decoded comes from a webhook sender.
/// </summary>
internal static class WebhookHex
{
    private const string LowercaseDigits = "0123456789abcdef";

    /// <summary>
    /// Decodes <paramref name="hex"/> into exactly <paramref name="destination"/>, accepting both
    /// letter cases; returns <see langword="false"/> on a wrong length or a non-hex character.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> hex, Span<byte> destination)
    {
        if (hex.Length != destination.Length * 2)
        {
            return false;
        }

#if NET9_0_OR_GREATER
        // The vectorized decoder of .NET 9 and later, with the same rules: both cases, no separators.
        return Convert.FromHexString(hex, destination, out _, out _) == System.Buffers.OperationStatus.Done;
#else
        for (var i = 0; i < destination.Length; i++)
        {
            var high = DigitValue(hex[2 * i]);
            var low = DigitValue(hex[(2 * i) + 1]);
            if ((high | low) < 0)
            {
                return false;
            }

            destination[i] = (byte)((high << 4) | low);
        }

        return true;
#endif
    }

    /// <summary>Writes the lowercase hex text of <paramref name="bytes"/> as ASCII bytes.</summary>
    public static void EncodeLowercaseAscii(ReadOnlySpan<byte> bytes, Span<byte> destination)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            destination[2 * i] = (byte)LowercaseDigits[bytes[i] >> 4];
            destination[(2 * i) + 1] = (byte)LowercaseDigits[bytes[i] & 0xF];
        }
    }

    /// <summary>Returns the lowercase hex text of <paramref name="bytes"/>.</summary>
    public static string EncodeLowercase(ReadOnlySpan<byte> bytes)
    {
        Span<byte> ascii = stackalloc byte[bytes.Length * 2];
        EncodeLowercaseAscii(bytes, ascii);
        return System.Text.Encoding.ASCII.GetString(ascii);
    }

#if !NET9_0_OR_GREATER
    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
#endif
}
