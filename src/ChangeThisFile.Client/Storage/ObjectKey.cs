using System.Text;

namespace ChangeThisFile.Client.Storage;

/// <summary>Validation of object keys shared by every <see cref="IObjectStorage"/> implementation.</summary>
public static class ObjectKey
{
    /// <summary>The longest key accepted, in UTF-8 bytes (the S3 and Azure Blob limit is 1024).</summary>
    public const int MaxLengthBytes = 1024;

    /// <summary>
    /// Checks that a key is safe on every backend: not empty, at most <see cref="MaxLengthBytes"/>
    /// UTF-8 bytes, no leading or doubled <c>/</c>, no <c>.</c> or <c>..</c> segment, no
    /// backslash and no control character.
    /// </summary>
    /// <param name="key">The key to check.</param>
    /// <param name="paramName">The argument name to report; defaults to the caller's expression.</param>
    /// <exception cref="ArgumentException">The key breaks one of the rules; the message names it.</exception>
    public static void Validate(string? key, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(key))] string? paramName = null)
    {
        if (TryValidate(key, out var error))
        {
            return;
        }

        throw new ArgumentException(error, paramName);
    }

    /// <summary>Checks a key like <see cref="Validate"/> without throwing.</summary>
    /// <param name="key">The key to check.</param>
    /// <param name="error">Why the key is invalid; <see langword="null"/> when it is valid.</param>
    /// <returns><see langword="true"/> when the key is valid.</returns>
    public static bool TryValidate(string? key, out string? error)
    {
        error = Check(key);
        return error is null;
    }

    private static string? Check(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "The object key is empty. Pass a key such as 'uploads/2f1c/report.pdf'.";
        }

        var shown = Describe(key);
        if (Encoding.UTF8.GetByteCount(key) > MaxLengthBytes)
        {
            return $"The object key {shown} is longer than {MaxLengthBytes} UTF-8 bytes. Use a shorter key.";
        }

        foreach (var c in key)
        {
            if (char.IsControl(c))
            {
                return $"The object key {shown} contains the control character U+{(int)c:X4}. Remove it.";
            }

            if (c == '\\')
            {
                return $"The object key {shown} contains a backslash. Use '/' to separate segments.";
            }
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0)
            {
                return $"The object key {shown} has an empty segment (a leading, trailing or doubled '/'). Remove it.";
            }

            if (segment is "." or "..")
            {
                return $"The object key {shown} has a '{segment}' segment. Keys must not navigate between folders.";
            }
        }

        return null;
    }

    // Control characters are escaped so that the message itself cannot break a log line.
    private static string Describe(string key)
    {
        const int MaxShown = 120;
        var builder = new StringBuilder("'");
        foreach (var c in key.Length > MaxShown ? key[..MaxShown] : key)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        builder.Append(key.Length > MaxShown ? "...'" : "'");
        return builder.ToString();
    }
}
