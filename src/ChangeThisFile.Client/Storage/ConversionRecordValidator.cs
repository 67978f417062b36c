namespace ChangeThisFile.Client.Storage;

/// <summary>
/// Checks a <see cref="ConversionRecord"/> before a store writes it, so that every store rejects the
/// same records with the same messages.
/// </summary>
public static class ConversionRecordValidator
{
    /// <summary>Checks the fields that every store relies on.</summary>
    /// <param name="record">The record to check.</param>
    /// <exception cref="ArgumentNullException"><paramref name="record"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A field is missing or invalid; the message names it.</exception>
    public static void Validate(ConversionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        RecordKey.Validate(record.FileId, "record.FileId");
        if (record.JobId is not null)
        {
            RecordKey.Validate(record.JobId, "record.JobId");
        }

        RequireText(record.Target, "record.Target", "the target format, such as 'pdf'");
        RequireText(record.InputKey, "record.InputKey", "the object key of the uploaded input");
        RequireText(record.Status.Value, "record.Status", "a status such as RecordStatus.AwaitingUpload");
        if (record.Metadata is null)
        {
            throw new ArgumentException(
                "Metadata is null. Leave it unset for an empty dictionary.", "record.Metadata");
        }

        foreach (var pair in record.Metadata)
        {
            if (string.IsNullOrEmpty(pair.Key) || pair.Value is null)
            {
                throw new ArgumentException(
                    $"Metadata entry '{pair.Key}' has an empty key or a null value. Store an empty string instead.",
                    "record.Metadata");
            }
        }
    }

    /// <summary>Checks a record like <see cref="Validate"/> and that it carries the version it was read with.</summary>
    /// <param name="record">The record to check.</param>
    /// <returns>The record's <see cref="ConversionRecord.Version"/>.</returns>
    /// <exception cref="ArgumentException">A field is missing or invalid, or the version is missing.</exception>
    public static string ValidateForUpdate(ConversionRecord record)
    {
        Validate(record);
        if (string.IsNullOrEmpty(record.Version))
        {
            throw new ArgumentException(
                $"The record for file id '{record.FileId}' has no Version. Update a record as returned by " +
                "GetAsync, FindByJobIdAsync, CreateAsync or UpdateAsync, which carries its version.",
                "record.Version");
        }

        return record.Version;
    }

    private static void RequireText(string? value, string paramName, string expected)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"{paramName} is empty. Set it to {expected}.", paramName);
        }
    }
}
