namespace ChangeThisFile.Emulator;

/// <summary>How many faults of each kind an emulator has injected since start or the last reset.</summary>
/// <param name="ServerErrors">Requests that got an injected 5xx response.</param>
/// <param name="ConnectionsDropped">Requests whose connection was aborted before handling.</param>
/// <param name="ResponsesDropped">Requests handled in full whose response was replaced by an abort.</param>
/// <param name="WebhooksDropped">Job webhooks never sent.</param>
/// <param name="WebhooksDuplicated">Job webhooks sent twice.</param>
/// <param name="JobsStalled">Jobs left in <c>processing</c> for ever.</param>
public sealed record EmulatorFaultCounts(
    int ServerErrors,
    int ConnectionsDropped,
    int ResponsesDropped,
    int WebhooksDropped,
    int WebhooksDuplicated,
    int JobsStalled);
