namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// The result of verifying one webhook delivery: a status, the signature form, the signed
/// timestamp when one was parsed, and a message that explains a failure.
/// </summary>
/// <remarks>
/// The message never contains a secret, a signature or any part of the body, so it is safe to
/// log and to send back to the sender.
/// </remarks>
public readonly struct WebhookVerificationResult
{
    private readonly string? _message;

    internal WebhookVerificationResult(
        WebhookVerificationStatus status,
        string message,
        WebhookSignatureForm form = WebhookSignatureForm.Unknown,
        long? timestampSeconds = null,
        int matchedSecretIndex = -1)
    {
        Status = status;
        _message = message;
        Form = form;
        TimestampSeconds = timestampSeconds;
        MatchedSecretIndex = matchedSecretIndex;
    }

    /// <summary>The outcome.</summary>
    public WebhookVerificationStatus Status { get; }

    /// <summary>Whether the delivery is authentic and fresh.</summary>
    public bool IsValid => Status == WebhookVerificationStatus.Valid;

    /// <summary>The form of the signature header, when it could be classified.</summary>
    public WebhookSignatureForm Form { get; }

    /// <summary>The signed timestamp in Unix seconds, when the header carried a valid one.</summary>
    public long? TimestampSeconds { get; }

    /// <summary>The signed timestamp, when the header carried a valid one.</summary>
    public DateTimeOffset? Timestamp =>
        TimestampSeconds is { } seconds ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    /// <summary>
    /// The zero-based position, in the configured secrets, of the secret that matched; -1 when
    /// none did. During rotation this shows whether senders still use an older secret.
    /// </summary>
    public int MatchedSecretIndex { get; }

    /// <summary>A sentence that explains the status and, for a failure, what to check.</summary>
    public string Message => _message ?? string.Empty;

    /// <summary>Returns the status and the message.</summary>
    public override string ToString() => $"{Status}: {Message}";
}
