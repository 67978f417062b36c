using System.Text.Json.Serialization;

namespace ChangeThisFile.Samples.Functions.Http;

/// <summary>The JSON body of <c>POST /api/conversions</c>.</summary>
public sealed class CreateUploadBody
{
    /// <summary>The name of the user's file, such as <c>report.csv</c>. Required.</summary>
    [JsonPropertyName("file_name")]
    public string? FileName { get; set; }

    /// <summary>The target format, such as <c>json</c>. Required.</summary>
    [JsonPropertyName("target")]
    public string? Target { get; set; }

    /// <summary>The media type the upload will be sent with; it is stored with the blob.</summary>
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
