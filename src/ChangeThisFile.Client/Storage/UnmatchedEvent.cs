namespace ChangeThisFile.Client.Storage;

/// <summary>A verified webhook event that matched no record, kept for an operator to inspect.</summary>
/// <param name="Id">A unique id for this kept event.</param>
/// <param name="EventType">The event type, such as <c>job.completed</c>.</param>
/// <param name="JobId">The job id the event named, if any.</param>
/// <param name="FileId">The file id from the event's metadata, if any.</param>
/// <param name="ReceivedAt">When the event arrived.</param>
/// <param name="Payload">The event's raw JSON body as UTF-8 text.</param>
/// <param name="Reason">
/// Why the event was kept instead of applied, such as <c>no record has the metadata file_id</c>,
/// or <see langword="null"/> for an event kept without one. At most
/// <see cref="UnmatchedEventValidator.MaxReasonLength"/> characters. The conversion flow writes
/// result URLs into it without their query strings.
/// </param>
public sealed record UnmatchedEvent(
    string Id,
    string EventType,
    string? JobId,
    string? FileId,
    DateTimeOffset ReceivedAt,
    string Payload,
    string? Reason = null);
