namespace ChangeThisFile.Client.Webhooks;

/// <summary>The outcome of verifying a webhook signature.</summary>
public enum WebhookVerificationStatus
{
    /// <summary>No verification ran; the value of a default <see cref="WebhookVerificationResult"/>.</summary>
    NotVerified = 0,

    /// <summary>A signature in the header matches a configured secret and the timestamp is fresh.</summary>
    Valid,

    /// <summary>The signature header is absent or empty.</summary>
    MissingHeader,

    /// <summary>
    /// The signature header cannot be parsed: a repeated timestamp, a part with an extra
    /// <c>=</c>, a signature that is not 64 hexadecimal characters, and similar faults.
    /// </summary>
    MalformedHeader,

    /// <summary>The timestamp differs from the current time by more than the tolerance.</summary>
    TimestampOutsideTolerance,

    /// <summary>No signature in the header matches any configured secret.</summary>
    NoMatchingSignature,

    /// <summary>The header uses the legacy <c>sha256=</c> form and the application has not opted in.</summary>
    LegacyFormDisabled,

    /// <summary>The body is larger than <see cref="WebhookVerificationOptions.MaxBodySize"/>.</summary>
    BodyTooLarge,

    /// <summary>No webhook secret is configured, or the current options failed validation.</summary>
    NoSecretConfigured,
}
