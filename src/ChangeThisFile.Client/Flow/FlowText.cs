using System.Globalization;
using System.Text;

namespace ChangeThisFile.Client.Flow;

/// <summary>Renders untrusted text for messages and logs: shortened, with control characters escaped.</summary>
internal static class FlowText
{
    /// <summary>The most characters of an untrusted value quoted in a message.</summary>
    public const int MaxShownLength = 64;

    private const string Ellipsis = "...";

    /// <summary>
    /// Returns at most <see cref="MaxShownLength"/> characters of <paramref name="value"/> with
    /// control characters as <c>\uXXXX</c>, so that a quoted value cannot forge a log line.
    /// </summary>
    public static string Shorten(string? value)
    {
        if (value is null)
        {
            return "(null)";
        }

        var builder = new StringBuilder(Math.Min(value.Length, MaxShownLength) + 8);
        AppendEscaped(builder, value.Length > MaxShownLength ? value.AsSpan(0, MaxShownLength) : value);
        return value.Length > MaxShownLength ? builder.Append(Ellipsis).ToString() : builder.ToString();
    }

    /// <summary>
    /// Escapes control characters and surrogates like <see cref="Shorten"/>, then cuts the result
    /// to <paramref name="maxLength"/> characters, the "..." that marks a cut included.
    /// </summary>
    public static string Limit(string value, int maxLength)
    {
        var builder = new StringBuilder(Math.Min(value.Length, maxLength) + 8);
        AppendEscaped(builder, value);
        if (builder.Length <= maxLength)
        {
            return builder.ToString();
        }

        builder.Length = maxLength - Ellipsis.Length;
        return builder.Append(Ellipsis).ToString();
    }

    private static void AppendEscaped(StringBuilder builder, ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                var code = ((int)c).ToString("x4", CultureInfo.InvariantCulture);
                builder.Append("\\u").Append(code);
            }
            else
            {
                builder.Append(c);
            }
        }
    }
}
