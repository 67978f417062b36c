namespace ChangeThisFile.Client.Webhooks;

/// <summary>The form of an <c>X-CTF-Signature</c> header.</summary>
public enum WebhookSignatureForm
{
    /// <summary>The header was missing or could not be classified.</summary>
    Unknown = 0,

    /// <summary>
    /// The current form <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>: HMAC-SHA-256 over the timestamp,
    /// a full stop and the body, keyed by the hex SHA-256 of the secret.
    /// </summary>
    V1,

    /// <summary>
    /// The legacy form <c>sha256=&lt;hex&gt;</c>: HMAC-SHA-256 over the body alone, keyed by the
    /// secret. It carries no timestamp, so a captured delivery can be replayed.
    /// </summary>
    Legacy,
}
