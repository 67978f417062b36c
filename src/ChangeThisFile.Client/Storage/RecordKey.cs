using System.Diagnostics.CodeAnalysis;

namespace ChangeThisFile.Client.Storage;

/// <summary>
/// Validation of the ids that key a <see cref="ConversionRecord"/> (file ids and job ids), shared by
/// every <see cref="IConversionRecordStore"/> implementation.
/// </summary>
/// <remarks>
/// Stores accept any id that passes these rules, whatever characters it contains, and escape it
/// where their key syntax needs it. Lookups with an id that breaks the rules find nothing instead of
/// throwing, because such ids often come from untrusted webhook payloads.
/// </remarks>
public static class RecordKey
{
    /// <summary>The longest id accepted, in UTF-16 characters.</summary>
    /// <remarks>Chosen so that an escaped id fits the 1 KiB key limit of Azure Table Storage.</remarks>
    public const int MaxLength = 128;

    /// <summary>
    /// Checks that an id is not empty, at most <see cref="MaxLength"/> characters long and free of control
    /// characters.
    /// </summary>
    /// <param name="id">The id to check.</param>
    /// <param name="paramName">The argument name to report; defaults to the caller's expression.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The id breaks one of the rules; the message names it.</exception>
    public static void Validate(
        [NotNull] string? id,
        [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(id))] string? paramName = null)
    {
        ArgumentNullException.ThrowIfNull(id, paramName);
        var error = Check(id);
        if (error is not null)
        {
            throw new ArgumentException(error, paramName);
        }
    }

    /// <summary>Returns whether an id passes <see cref="Validate"/>.</summary>
    /// <param name="id">The id to check.</param>
    public static bool IsValid([NotNullWhen(true)] string? id) => id is not null && Check(id) is null;

    private static string? Check(string id)
    {
        if (id.Length == 0)
        {
            return "The id is empty. Pass the file id or job id that the flow assigned.";
        }

        if (id.Length > MaxLength)
        {
            return $"The id is {id.Length} characters long; the maximum is {MaxLength}. Use a shorter id.";
        }

        foreach (var c in id)
        {
            if (char.IsControl(c))
            {
                return $"The id contains the control character U+{(int)c:X4}. Remove it.";
            }
        }

        return null;
    }
}
