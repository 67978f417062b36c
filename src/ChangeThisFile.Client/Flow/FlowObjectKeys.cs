namespace ChangeThisFile.Client.Flow;

/// <summary>
/// Builds and parses the flow's object keys. An input key is the input prefix, the file id and the
/// extension of the uploaded name (<c>uploads/{fileId}.pdf</c>), so a storage event maps back to the
/// file id and the API can read the source format from the URL; the user's file name never enters a key.
/// A result key is the output prefix, the file id and the target (<c>results/{fileId}.webp</c>).
/// </summary>
internal sealed class FlowObjectKeys(string inputPrefix, string outputPrefix)
{
    public string InputKey(string fileId, string? extension) =>
        extension is null ? inputPrefix + fileId : $"{inputPrefix}{fileId}.{extension}";

    public string OutputKey(string fileId, string target) => $"{outputPrefix}{fileId}.{target}";

    /// <summary>Reads the file id from a key under the input prefix; false for any other key.</summary>
    public bool TryParseInputKey(string? key, out string fileId)
    {
        fileId = string.Empty;
        if (key is null || !key.StartsWith(inputPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = key.AsSpan(inputPrefix.Length);
        if (rest.Length < ConversionFileId.Length
            || (rest.Length > ConversionFileId.Length && rest[ConversionFileId.Length] != '.'))
        {
            return false;
        }

        var candidate = rest[..ConversionFileId.Length].ToString();
        if (!ConversionFileId.IsValid(candidate))
        {
            return false;
        }

        fileId = candidate;
        return true;
    }

    /// <summary>Whether a key lies under the input prefix.</summary>
    public bool IsInputKey(string key) => key.StartsWith(inputPrefix, StringComparison.Ordinal);
}
