using System.Text.Json.Serialization;
using ChangeThisFile.Client.Flow;

namespace ChangeThisFile.Samples.Lambda.Events;

/// <summary>The JSON body of <c>POST /conversions</c>.</summary>
public sealed class CreateUploadBody
{
    /// <summary>The name of the user's file, such as <c>report.csv</c>. Required.</summary>
    [JsonPropertyName("file_name")]
    public string? FileName { get; set; }

    /// <summary>The target format, such as <c>json</c>. Required.</summary>
    [JsonPropertyName("target")]
    public string? Target { get; set; }

    /// <summary>The media type the upload will be sent with; the upload URL is signed for it.</summary>
    [JsonPropertyName("content_type")]
    public string? ContentType { get; set; }

    /// <summary>The file size in bytes, checked against the upload limit before a URL is issued.</summary>
    [JsonPropertyName("size")]
    public long? Size { get; set; }
}

/// <summary>An error response: <c>{"error":{"code","message"}}</c>, the envelope the API itself uses.</summary>
/// <param name="Error">The error.</param>
public sealed record ErrorResponse([property: JsonPropertyName("error")] ErrorDetail Error);

/// <summary>The code and message of an <see cref="ErrorResponse"/>.</summary>
/// <param name="Code">A stable snake_case code, such as <c>invalid_request</c>.</param>
/// <param name="Message">What went wrong and what to do.</param>
public sealed record ErrorDetail(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("message")] string Message);

/// <summary>The acknowledgement of a webhook delivery.</summary>
/// <param name="Outcome">What the flow did with the event, such as <c>applied</c> or <c>duplicate</c>.</param>
public sealed record WebhookAcknowledgement([property: JsonPropertyName("outcome")] string Outcome);

/// <summary>What the submit handler did with each object of an S3 event notification.</summary>
/// <param name="Results">One entry per object event, in the order of the notification.</param>
public sealed record SubmitSummary([property: JsonPropertyName("results")] IReadOnlyList<SubmitEntry> Results);

/// <summary>
/// What the submit handler did with one object: the key and the fields of <see cref="SubmitResult"/>.
/// </summary>
public sealed class SubmitEntry
{
    /// <summary>The decoded object key.</summary>
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    /// <summary>What the submit step did; null when the handler skipped the object before the flow.</summary>
    [JsonPropertyName("outcome")]
    public SubmitOutcome? Outcome { get; init; }

    /// <summary>The file id the key names.</summary>
    [JsonPropertyName("file_id")]
    public string? FileId { get; init; }

    /// <summary>The API's job id, once known.</summary>
    [JsonPropertyName("job_id")]
    public string? JobId { get; init; }

    /// <summary>The record's status after the step, such as <c>processing</c>.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; init; }

    /// <summary>Why the step did not submit, or why the handler skipped the object.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }

    /// <summary>Describes an object the handler skipped.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="reason">Why it was skipped.</param>
    /// <returns>The entry.</returns>
    public static SubmitEntry Skipped(string key, string reason) => new() { Key = key, Message = reason };

    /// <summary>Copies the result of the submit step.</summary>
    /// <param name="key">The object key.</param>
    /// <param name="result">The result.</param>
    /// <returns>The entry.</returns>
    public static SubmitEntry From(string key, SubmitResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SubmitEntry
        {
            Key = key,
            Outcome = result.Outcome,
            FileId = result.FileId,
            JobId = result.JobId,
            Status = result.Status?.Value,
            Message = result.Error is { } error ? $"{error.Code.Value}: {error.Message}" : result.Message,
        };
    }
}
