using System.Text.Json.Serialization;
using ChangeThisFile.Client.Storage;

namespace ChangeThisFile.Client.Flow;

/// <summary>The result of a submit step.</summary>
public sealed class SubmitResult
{
    /// <summary>The file id, when the input named a well-formed one.</summary>
    [JsonPropertyName("file_id")]
    public string? FileId { get; init; }

    /// <summary>What the step did.</summary>
    [JsonPropertyName("outcome")]
    public required SubmitOutcome Outcome { get; init; }

    /// <summary>The API's job id, once known.</summary>
    [JsonPropertyName("job_id")]
    public string? JobId { get; init; }

    /// <summary>
    /// The record's status after the step, such as <c>processing</c>; absent when there is no record.
    /// </summary>
    [JsonPropertyName("status")]
    [JsonConverter(typeof(RecordStatusJsonConverter))]
    public RecordStatus? Status { get; init; }

    /// <summary>The API's error when it rejected the file.</summary>
    [JsonPropertyName("error")]
    public ConversionError? Error { get; init; }

    /// <summary>A sentence for the caller, such as why the file id was not found; absent on success.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Returns the outcome, file id and job id.</summary>
    public override string ToString() => $"{Outcome} (file {FileId ?? "none"}, job {JobId ?? "none"})";
}
