using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// A verified webhook event, mapped to one model from either the current envelope or the
/// legacy flat body. Every field the model does not cover stays readable through
/// <see cref="Payload"/>.
/// </summary>
/// <remarks>
/// <see cref="ResultUrl"/> is a signed URL whose query string grants access to the result, and
/// <see cref="ToString"/> leaves it out, so the event can be logged.
/// </remarks>
public sealed class ConversionWebhookEvent
{
    internal ConversionWebhookEvent(JsonElement payload, ReadOnlyMemory<byte> rawBody, WebhookPayloadForm form)
    {
        Payload = payload;
        RawBody = rawBody;
        Form = form;
    }

    /// <summary>The event type; for the legacy form it is derived from <c>state</c>.</summary>
    public WebhookEventType Type { get; internal init; }

    /// <summary>The shape the body had.</summary>
    public WebhookPayloadForm Form { get; }

    /// <summary>The job id, or null when the body carries none (the legacy form may omit it).</summary>
    public string? JobId { get; internal init; }

    /// <summary>The job status; the legacy <c>done</c> is mapped to <see cref="JobStatus.Completed"/>.</summary>
    public JobStatus Status { get; internal init; }

    /// <summary>
    /// The URL of the converted file: <c>data.result.file_url</c>, or <c>download_url</c> in the
    /// legacy form, exactly as received. It is signed; keep it out of logs.
    /// </summary>
    public string? ResultUrl { get; internal init; }

    /// <summary>The size of the converted file in bytes, when sent as a whole number.</summary>
    public long? ResultSize { get; internal init; }

    /// <summary>How long the conversion took, from <c>duration_ms</c>.</summary>
    public TimeSpan? Duration { get; internal init; }

    /// <summary>The source format, such as <c>png</c>.</summary>
    public string? SourceFormat { get; internal init; }

    /// <summary>The target format, such as <c>webp</c>.</summary>
    public string? TargetFormat { get; internal init; }

    /// <summary>
    /// The error of a failed job; a bare string error is kept as its <see
    /// cref="ConversionError.Message"/>.
    /// </summary>
    public ConversionError? Error { get; internal init; }

    /// <summary>
    /// The metadata given as <c>webhook_metadata</c> when the job was created, read from
    /// <c>data.metadata</c> or a top-level <c>metadata</c>; empty when absent. Metadata sent as
    /// a string that contains a JSON object is unpacked.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> Metadata { get; internal init; } =
        new Dictionary<string, JsonElement>();

    /// <summary>
    /// The key under which duplicate deliveries of this event are recognized: the event type
    /// and job id, or the event type and a SHA-256 of the body when there is no job id. Null
    /// for <c>webhook.test</c>, which is never deduplicated.
    /// </summary>
    public string? DeduplicationKey { get; internal init; }

    /// <summary>The root of the parsed body (a leading byte order mark skipped).</summary>
    public JsonElement Payload { get; }

    /// <summary>The body bytes exactly as received and verified, including any byte order mark.</summary>
    public ReadOnlyMemory<byte> RawBody { get; }

    /// <summary>
    /// Reads a metadata value as text: a JSON string as is, a number or boolean as its JSON
    /// text. Returns false for a missing key, null, an object or an array.
    /// </summary>
    /// <param name="name">The metadata key, such as <c>file_id</c>; matched exactly.</param>
    /// <param name="value">The value when found.</param>
    /// <returns>Whether a text value was found.</returns>
    public bool TryGetMetadataString(string name, [NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        value = Metadata.TryGetValue(name, out var element) ? WebhookEventParser.ReadText(element) : null;
        return value is not null;
    }

    /// <summary>Returns a metadata value as text, or null; see <see cref="TryGetMetadataString"/>.</summary>
    /// <param name="name">The metadata key, such as <c>file_id</c>; matched exactly.</param>
    /// <returns>The value, or null.</returns>
    public string? GetMetadataString(string name) =>
        TryGetMetadataString(name, out var value) ? value : null;

    /// <summary>
    /// Parses a webhook body. Call it with the same bytes that were verified; prefer
    /// <see cref="WebhookSignatureVerifier.VerifyAndParse"/>, which does both.
    /// </summary>
    /// <param name="body">The body bytes exactly as received. The event keeps a reference to them.</param>
    /// <param name="webhookEvent">The event when the body is a JSON object.</param>
    /// <param name="error">Why parsing failed; it never quotes the body.</param>
    /// <returns>Whether the body parsed. Malformed JSON, invalid UTF-8 or nesting deeper than
    /// 64 levels return false; nothing in the body makes this method throw.</returns>
    public static bool TryParse(
        ReadOnlyMemory<byte> body,
        [NotNullWhen(true)] out ConversionWebhookEvent? webhookEvent,
        [NotNullWhen(false)] out string? error) =>
        WebhookEventParser.TryParse(body, out webhookEvent, out error);

    /// <summary>Returns the type, form, job id and status; never the result URL or metadata.</summary>
    public override string ToString() =>
        $"{Type.Value} (form {Form}, job {JobId ?? "none"}, status {Status.Value})";
}
