namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// Settings for verifying webhook signatures. Bind them from configuration, for example the
/// <c>ChangeThisFile:Webhooks</c> section; secrets, tolerance, the legacy opt-in and the body
/// size cap are reread when the configuration reloads, so secrets rotate without a restart.
/// </summary>
public sealed class WebhookVerificationOptions
{
    /// <summary>The default <see cref="Tolerance"/>: 300 seconds.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromSeconds(300);

    /// <summary>The default <see cref="MaxBodySize"/>: 1 MiB.</summary>
    public const long DefaultMaxBodySize = 1024 * 1024;

    /// <summary>The largest <see cref="Tolerance"/> accepted: one hour.</summary>
    public static readonly TimeSpan MaxTolerance = TimeSpan.FromHours(1);

    /// <summary>The largest <see cref="MaxBodySize"/> accepted: 64 MiB.</summary>
    public const long MaxBodySizeLimit = 64L * 1024 * 1024;

    /// <summary>
    /// The webhook secrets exactly as issued by <c>POST /v1/webhooks/secret</c>, including the
    /// <c>whsec_</c> prefix. A delivery passes when any of its signatures matches any secret, so
    /// list the new and the old secret together while rotating, then remove the old one.
    /// </summary>
    public IList<string> Secrets { get; set; } = new List<string>();

    /// <summary>
    /// How far the signed timestamp may be from the current time, in either direction. Default
    /// 300 seconds; at most one hour. Only the <see cref="WebhookSignatureForm.V1"/> form has a
    /// timestamp.
    /// </summary>
    public TimeSpan Tolerance { get; set; } = DefaultTolerance;

    /// <summary>
    /// Whether to accept the legacy <c>sha256=&lt;hex&gt;</c> form. Off by default, because that
    /// form has no timestamp: anyone who captured one delivery can replay it at any time.
    /// </summary>
    public bool AllowLegacySignatures { get; set; }

    /// <summary>The largest body accepted, in bytes. Default 1 MiB; at most 64 MiB.</summary>
    public long MaxBodySize { get; set; } = DefaultMaxBodySize;
}
