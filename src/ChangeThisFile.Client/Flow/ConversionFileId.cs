using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace ChangeThisFile.Client.Flow;

/// <summary>
/// The flow's file ids: 128 random bits in unpadded base64url, 22 characters from
/// <c>A-Z a-z 0-9 - _</c>. They are safe in URLs and object keys and cannot be guessed.
/// </summary>
public static class ConversionFileId
{
    /// <summary>The length of every file id, in characters.</summary>
    public const int Length = 22;

    private const int RandomBytes = 16;

    private static readonly SearchValues<char> Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>Creates a new file id from a cryptographically secure random source.</summary>
    /// <returns>A 22-character id such as <c>q3Jx0v8bT2m1Lr9cW4yZ_A</c>.</returns>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[RandomBytes];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Returns whether <paramref name="fileId"/> has the form of a file id.</summary>
    /// <param name="fileId">The value to check, usually from a URL or a webhook payload.</param>
    public static bool IsValid([NotNullWhen(true)] string? fileId) => TryValidate(fileId, out _);

    /// <summary>Checks that <paramref name="fileId"/> has the form of a file id, without throwing.</summary>
    /// <param name="fileId">The value to check.</param>
    /// <param name="error">
    /// Why the value is not a file id, quoting at most its first 64 characters with control
    /// characters escaped; <see langword="null"/> when it is valid.
    /// </param>
    /// <returns><see langword="true"/> when the value is a well-formed file id.</returns>
    public static bool TryValidate([NotNullWhen(true)] string? fileId, out string? error)
    {
        if (string.IsNullOrEmpty(fileId))
        {
            error = "The file id is empty. Pass the file id returned when the upload was created.";
            return false;
        }

        if (fileId.Length != Length)
        {
            error = $"The file id '{FlowText.Shorten(fileId)}' has {fileId.Length} characters; " +
                $"file ids have exactly {Length}. Pass the file id returned when the upload was created.";
            return false;
        }

        var bad = fileId.AsSpan().IndexOfAnyExcept(Alphabet);
        if (bad >= 0)
        {
            error = $"The file id '{FlowText.Shorten(fileId)}' contains '{FlowText.Shorten(fileId[bad].ToString())}' " +
                $"at position {bad}; file ids use only A-Z, a-z, 0-9, '-' and '_'.";
            return false;
        }

        error = null;
        return true;
    }
}
