namespace ChangeThisFile.Client.AspNetCore;

/// <summary>When a webhook endpoint responds to the sender, relative to running the handler.</summary>
public enum WebhookAcknowledgementMode
{
    /// <summary>
    /// Run the handler during the request: 200 after it succeeded, 500 when it threw, so the
    /// sender retries. Nothing is lost if the process dies, but the handler must finish before
    /// the sender's request times out.
    /// </summary>
    Inline = 0,

    /// <summary>
    /// Put the verified event on a bounded in-memory queue and respond with 202 at once; a hosted
    /// service runs the handler. Events still queued are lost if the process dies, because the
    /// sender already received its 2xx and will not retry.
    /// </summary>
    Queued,
}
