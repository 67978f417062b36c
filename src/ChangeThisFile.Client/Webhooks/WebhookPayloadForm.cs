namespace ChangeThisFile.Client.Webhooks;

/// <summary>The shape of a webhook body.</summary>
public enum WebhookPayloadForm
{
    /// <summary>
    /// The current envelope <c>{"event": ..., "data": {"job_id", "status", "result", "error", "metadata"}}</c>.
    /// </summary>
    Envelope = 1,

    /// <summary>
    /// The legacy flat body <c>{"job_id", "state": "done"|"failed", "download_url", "metadata", "error"}</c>.
    /// </summary>
    Legacy,
}
