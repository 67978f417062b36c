using System.Text;

namespace ChangeThisFile.Client.Http;

/// <summary>Removes API keys and webhook secrets from text that came from a server.</summary>
internal static class SecretRedaction
{
    private const string Replacement = "[redacted]";
    private static readonly string[] SecretPrefixes = ["ctf_sk_", "whsec_"];

    /// <summary>
    /// Replaces <paramref name="apiKey"/> and every token that starts with <c>ctf_sk_</c> or
    /// <c>whsec_</c> with <c>[redacted]</c>.
    /// </summary>
    public static string? Redact(string? text, string? apiKey)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        if (!string.IsNullOrEmpty(apiKey))
        {
            text = text.Replace(apiKey, Replacement, StringComparison.Ordinal);
        }

        foreach (var prefix in SecretPrefixes)
        {
            text = RedactTokens(text, prefix);
        }

        return text;
    }

    private static string RedactTokens(string text, string prefix)
    {
        var start = text.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        var position = 0;
        while (start >= 0)
        {
            var end = start + prefix.Length;
            while (end < text.Length && (char.IsAsciiLetterOrDigit(text[end]) || text[end] is '_' or '-'))
            {
                end++;
            }

            builder.Append(text, position, start - position).Append(prefix).Append(Replacement);
            position = end;
            start = text.IndexOf(prefix, position, StringComparison.Ordinal);
        }

        return builder.Append(text, position, text.Length - position).ToString();
    }
}
