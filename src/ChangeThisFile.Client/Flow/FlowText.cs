using System.Text;

namespace ChangeThisFile.Client.Flow;

/// <summary>Renders untrusted text for messages and logs: shortened, with control characters escaped.</summary>
internal static class FlowText
{
    /// <summary>The most characters of an untrusted value quoted in a message.</summary>
    public const int MaxShownLength = 64;

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
        foreach (var c in value.Length > MaxShownLength ? value[..MaxShownLength] : value)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                var code = ((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture);
                builder.Append("\\u").Append(code);
            }
            else
            {
                builder.Append(c);
            }
        }

        return value.Length > MaxShownLength ? builder.Append("...").ToString() : builder.ToString();
    }
}
