namespace ChangeThisFile.Client.Storage;

/// <summary>
/// Where a <see cref="ConversionRecord"/> stands: <c>awaiting_upload</c>, <c>processing</c>,
/// <c>done</c>, <c>failed</c>, or a value written by a newer version, kept as stored.
/// </summary>
public readonly struct RecordStatus : IEquatable<RecordStatus>
{
    private readonly string? _value;

    /// <summary>Initializes a status from its stored text.</summary>
    /// <param name="value">The stored text.</param>
    public RecordStatus(string? value) => _value = value;

    /// <summary>The upload URL was issued and the file has not been submitted yet.</summary>
    public static RecordStatus AwaitingUpload { get; } = new("awaiting_upload");

    /// <summary>The file was submitted and the conversion has not ended.</summary>
    public static RecordStatus Processing { get; } = new("processing");

    /// <summary>The result is in our storage. Terminal.</summary>
    public static RecordStatus Done { get; } = new("done");

    /// <summary>The conversion failed. Terminal.</summary>
    public static RecordStatus Failed { get; } = new("failed");

    /// <summary>The status text as stored.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether the record reached an outcome (<see cref="Done"/> or <see cref="Failed"/>).</summary>
    public bool IsTerminal => Equals(Done) || Equals(Failed);

    /// <inheritdoc />
    public bool Equals(RecordStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RecordStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <summary>Returns the status text.</summary>
    public override string ToString() => Value;

    /// <summary>Compares two statuses.</summary>
    public static bool operator ==(RecordStatus left, RecordStatus right) => left.Equals(right);

    /// <summary>Compares two statuses.</summary>
    public static bool operator !=(RecordStatus left, RecordStatus right) => !left.Equals(right);
}
