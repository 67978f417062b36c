namespace ChangeThisFile.Emulator;

/// <summary>The payload and signature form of the webhooks an emulator sends.</summary>
public enum WebhookSignatureForm
{
    /// <summary>
    /// The documented form: an <c>{"event","data"}</c> envelope signed with
    /// <c>X-CTF-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where the HMAC-SHA-256 key is
    /// the ASCII text of the lowercase hex SHA-256 of the secret and the message is
    /// <c>t + "." + body</c>.
    /// </summary>
    Current = 0,

    /// <summary>
    /// The older blog form: a flat <c>{"job_id","state","download_url","metadata","error"}</c>
    /// body signed with <c>X-CTF-Signature: sha256=&lt;hex&gt;</c>, an HMAC-SHA-256 of the body
    /// keyed by the UTF-8 bytes of the secret, with no timestamp.
    /// </summary>
    Legacy = 1,
}
