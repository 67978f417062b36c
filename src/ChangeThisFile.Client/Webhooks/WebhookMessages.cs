namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// Fixed explanations for verification results. They are constants, so a result costs no
/// allocation, and they never quote the header, the body or a secret.
/// </summary>
internal static class WebhookMessages
{
    public const string Valid = "The signature matches a configured secret.";

    public const string MissingHeader =
        "The X-CTF-Signature header is missing or empty; only signed deliveries are accepted.";

    public const string HeaderTooLong =
        "The X-CTF-Signature header is longer than 4096 characters.";

    public const string HeaderNotAscii =
        "The X-CTF-Signature header contains a control character or a character outside ASCII.";

    public const string HeaderNoKnownForm =
        "The X-CTF-Signature header has neither the v1 form (t=...,v1=...) nor the legacy form (sha256=...).";

    public const string HeaderPartWithoutName =
        "A part of the X-CTF-Signature header is not of the form name=value.";

    public const string HeaderExtraEquals =
        "A value in the X-CTF-Signature header contains a second '='.";

    public const string HeaderRepeatedTimestamp =
        "The X-CTF-Signature header contains more than one timestamp (t).";

    public const string HeaderBadTimestamp =
        "The timestamp (t) in the X-CTF-Signature header is not a whole number of Unix seconds.";

    public const string HeaderBadSignature =
        "A signature in the X-CTF-Signature header is not exactly 64 hexadecimal characters.";

    public const string HeaderTooManySignatures =
        "The X-CTF-Signature header carries more than 8 signatures.";

    public const string HeaderNoTimestamp =
        "The X-CTF-Signature header has no timestamp (t).";

    public const string HeaderNoSignature =
        "The X-CTF-Signature header has no signature value.";

    public const string TimestampOutsideTolerance =
        "The signed timestamp is further from the current time than the tolerance allows; " +
        "check the receiver's clock, or the delivery is a replay.";

    public const string NoMatchingSignature =
        "No signature matches a configured secret; check that the receiver is configured with " +
        "the secret returned by POST /v1/webhooks/secret and verifies the body bytes as received.";

    public const string LegacyFormDisabled =
        "The delivery uses the legacy sha256= form, which has no timestamp and is disabled; set " +
        "AllowLegacySignatures only if the sender cannot send the t=...,v1=... form.";

    public const string BodyTooLarge = "The body is larger than the configured MaxBodySize.";

    public const string NoSecretConfigured =
        "No webhook secret is configured, or the webhook options are invalid; set Webhooks:Secrets.";
}
