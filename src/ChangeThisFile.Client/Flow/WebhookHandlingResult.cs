using ChangeThisFile.Client.Storage;

namespace ChangeThisFile.Client.Flow;

/// <summary>The result of handling one webhook event.</summary>
/// <param name="Outcome">What the step did.</param>
/// <param name="FileId">The file id of the matched record, when one matched.</param>
/// <param name="JobId">The job id the event named, when well-formed.</param>
/// <param name="Status">The record's status after the step, when one matched.</param>
/// <param name="Reason">Why the event was not applied, for logs and operators; absent when it was.</param>
public sealed record WebhookHandlingResult(
    WebhookOutcome Outcome,
    string? FileId,
    string? JobId,
    RecordStatus? Status,
    string? Reason);
