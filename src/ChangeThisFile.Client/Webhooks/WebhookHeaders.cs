namespace ChangeThisFile.Client.Webhooks;

/// <summary>Names of the HTTP headers that the API sends with every webhook delivery.</summary>
public static class WebhookHeaders
{
    /// <summary>
    /// The signature header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c> in the current form, or
    /// <c>sha256=&lt;hex&gt;</c> in the legacy form.
    /// </summary>
    public const string Signature = "X-CTF-Signature";

    /// <summary>
    /// The event name, such as <c>job.completed</c>. It is not signed, so the event type is read
    /// from the verified body instead.
    /// </summary>
    public const string Event = "X-CTF-Event";
}
