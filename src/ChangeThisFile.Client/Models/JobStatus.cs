using System.Text.Json.Serialization;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client;

/// <summary>
/// The status of a conversion job: <c>queued</c>, <c>processing</c>, <c>completed</c>,
/// <c>failed</c>, or any other value the API sends, kept as received.
/// </summary>
/// <remarks>
/// Only <see cref="Completed"/> and <see cref="Failed"/> are terminal. A value this version of
/// the library does not know is never terminal, so code that waits for a job keeps polling
/// instead of treating a new server status as an outcome. Known values are matched without
/// regard to letter case; <see cref="Value"/> keeps the text exactly as received.
/// </remarks>
[JsonConverter(typeof(JobStatusJsonConverter))]
public readonly struct JobStatus : IEquatable<JobStatus>
{
    private readonly string? _value;

    /// <summary>Initializes a status from the text the API sends.</summary>
    /// <param name="value">The raw status text; <see langword="null"/> is kept as an empty string.</param>
    public JobStatus(string? value) => _value = value;

    /// <summary>The job is waiting for a worker.</summary>
    public static JobStatus Queued { get; } = new("queued");

    /// <summary>A worker is converting the file.</summary>
    public static JobStatus Processing { get; } = new("processing");

    /// <summary>The conversion finished and a result is available. Terminal.</summary>
    public static JobStatus Completed { get; } = new("completed");

    /// <summary>The conversion failed. Terminal.</summary>
    public static JobStatus Failed { get; } = new("failed");

    /// <summary>The status text exactly as received; empty when the API sent none.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether the job has reached an outcome (<see cref="Completed"/> or <see cref="Failed"/>).</summary>
    public bool IsTerminal => Equals(Completed) || Equals(Failed);

    /// <summary>Whether the value is one of the four documented statuses.</summary>
    public bool IsKnown => Equals(Queued) || Equals(Processing) || IsTerminal;

    /// <inheritdoc />
    public bool Equals(JobStatus other) =>
        string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is JobStatus other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the status text exactly as received.</summary>
    public override string ToString() => Value;

    /// <summary>Compares two statuses without regard to letter case.</summary>
    public static bool operator ==(JobStatus left, JobStatus right) => left.Equals(right);

    /// <summary>Compares two statuses without regard to letter case.</summary>
    public static bool operator !=(JobStatus left, JobStatus right) => !left.Equals(right);
}
