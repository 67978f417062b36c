namespace ChangeThisFile.Emulator.Requests;

/// <summary>An uploaded input saved to a temporary file.</summary>
internal sealed record UploadedFile(string Path, long Size, string? FileName, string Sha256);

/// <summary>
/// A conversion request as received: its text fields (body first, then query string), the
/// uploaded file if any, and the hash that idempotency compares. Disposing deletes the file
/// unless <see cref="TakeFile"/> handed it on.
/// </summary>
internal sealed class ConversionRequest(Dictionary<string, string> fields, UploadedFile? file, byte[] hash)
    : IDisposable
{
    private UploadedFile? _file = file;

    public IReadOnlyDictionary<string, string> Fields { get; } = fields;

    public UploadedFile? File => _file;

    /// <summary>SHA-256 of the method, path, sorted fields and the file's name and content hash.</summary>
    public byte[] Hash { get; } = hash;

    public string? Field(string name) =>
        Fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Hands the uploaded file to a new owner, who deletes it.</summary>
    public UploadedFile? TakeFile()
    {
        var file = _file;
        _file = null;
        return file;
    }

    public void Dispose()
    {
        TempFiles.TryDelete(_file?.Path);
        _file = null;
    }
}
