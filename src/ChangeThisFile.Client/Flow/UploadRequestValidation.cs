using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;

namespace ChangeThisFile.Client.Flow;

/// <summary>
/// A create-upload request after validation: the file name without folders and the normalized target.
/// </summary>
internal sealed record ValidatedUpload(
    string FileName, string Target, string? ContentType, IReadOnlyDictionary<string, string> Metadata);

/// <summary>Checks a <see cref="CreateUploadRequest"/>; every failure names the field, the value and the fix.</summary>
internal static class UploadRequestValidation
{
    private const int MaxContentTypeLength = 255;

    private static readonly SearchValues<char> MetadataKeyCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_");

    /// <exception cref="ConversionFlowValidationException">A field is invalid.</exception>
    public static ValidatedUpload Validate(
        CreateUploadRequest request, IReadOnlySet<string> allowedTargets, long maxSizeBytes)
    {
        var fileName = ValidateFileName(request.FileName);
        var target = ValidateTarget(request.Target, allowedTargets);
        var contentType = ValidateContentType(request.ContentType);
        ValidateSize(request.Size, maxSizeBytes);
        var metadata = ValidateMetadata(request.Metadata);
        return new ValidatedUpload(fileName, target, contentType, metadata);
    }

    private static string ValidateFileName(string? fileName)
    {
        // Browsers on some systems send a full path such as C:\fakepath\report.pdf; only the name is kept.
        var name = (fileName ?? string.Empty).Split('/', '\\')[^1].Trim();
        if (name.Length == 0 || name is "." or "..")
        {
            throw Invalid(nameof(CreateUploadRequest.FileName),
                $"The file name '{FlowText.Shorten(fileName)}' names no file. Pass the name of the user's file, " +
                "such as 'report.pdf'.");
        }

        if (name.Length > CreateUploadRequest.MaxFileNameLength)
        {
            throw Invalid(nameof(CreateUploadRequest.FileName),
                $"The file name '{FlowText.Shorten(name)}' has {name.Length} characters; the maximum is " +
                $"{CreateUploadRequest.MaxFileNameLength}. Shorten it.");
        }

        var control = IndexOfControl(name);
        if (control >= 0)
        {
            throw Invalid(nameof(CreateUploadRequest.FileName),
                $"The file name '{FlowText.Shorten(name)}' contains the control character " +
                $"U+{(int)name[control]:X4} at position {control}. Remove it.");
        }

        return name;
    }

    private static string ValidateTarget(string? target, IReadOnlySet<string> allowedTargets)
    {
        var normalized = FlowFormats.Normalize(target);
        if (allowedTargets.Contains(normalized))
        {
            return normalized;
        }

        var allowed = string.Join(", ", allowedTargets);
        throw Invalid(nameof(CreateUploadRequest.Target), string.IsNullOrWhiteSpace(target)
            ? $"The target format is empty. Choose one of: {allowed}."
            : $"The target format '{FlowText.Shorten(target)}' is not allowed. Choose one of: {allowed}.");
    }

    private static string? ValidateContentType(string? contentType)
    {
        if (contentType is null)
        {
            return null;
        }

        if (contentType.Length > MaxContentTypeLength || IndexOfControl(contentType) >= 0
            || !MediaTypeHeaderValue.TryParse(contentType, out _))
        {
            throw Invalid(nameof(CreateUploadRequest.ContentType),
                $"The content type '{FlowText.Shorten(contentType)}' is not a valid media type. Use a value such " +
                "as 'image/png', or leave it unset.");
        }

        return contentType;
    }

    private static void ValidateSize(long? size, long maxSizeBytes)
    {
        if (size is < 0)
        {
            throw Invalid(nameof(CreateUploadRequest.Size),
                $"The declared size {size} is negative. Pass the file's size in bytes, or leave it unset.");
        }

        if (size > maxSizeBytes)
        {
            var mebibytes = (maxSizeBytes / 1048576.0).ToString("0.#", CultureInfo.InvariantCulture);
            throw Invalid(nameof(CreateUploadRequest.Size),
                $"The file is {size} bytes; the maximum is {maxSizeBytes} bytes ({mebibytes} MiB). " +
                "Choose a smaller file.");
        }
    }

    private static Dictionary<string, string> ValidateMetadata(IReadOnlyDictionary<string, string>? metadata)
    {
        var copy = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata is null)
        {
            return copy;
        }

        if (metadata.Count > CreateUploadRequest.MaxMetadataEntries)
        {
            throw Invalid(nameof(CreateUploadRequest.Metadata),
                $"The metadata has {metadata.Count} entries; the maximum is {CreateUploadRequest.MaxMetadataEntries}.");
        }

        foreach (var (key, value) in metadata)
        {
            ValidateMetadataEntry(key, value);
            copy[key] = value;
        }

        return copy;
    }

    private static void ValidateMetadataEntry(string key, string? value)
    {
        if (string.IsNullOrEmpty(key) || key.Length > CreateUploadRequest.MaxMetadataKeyLength
            || key.AsSpan().IndexOfAnyExcept(MetadataKeyCharacters) >= 0)
        {
            throw Invalid(nameof(CreateUploadRequest.Metadata),
                $"The metadata key '{FlowText.Shorten(key)}' is invalid. Use 1 to " +
                $"{CreateUploadRequest.MaxMetadataKeyLength} letters, digits, '.', '-' or '_', such as 'user_id'.");
        }

        if (key.StartsWith(ConversionFlow.ReservedMetadataPrefix, StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid(nameof(CreateUploadRequest.Metadata),
                $"The metadata key '{key}' starts with '{ConversionFlow.ReservedMetadataPrefix}', which the flow " +
                "keeps for itself. Choose another key.");
        }

        if (value is null || value.Length > CreateUploadRequest.MaxMetadataValueLength || IndexOfControl(value) >= 0)
        {
            throw Invalid(nameof(CreateUploadRequest.Metadata),
                $"The metadata value of '{key}' is missing, longer than " +
                $"{CreateUploadRequest.MaxMetadataValueLength} characters or contains control characters.");
        }
    }

    private static int IndexOfControl(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsControl(value[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static ConversionFlowValidationException Invalid(string field, string message) => new(message, field);
}
