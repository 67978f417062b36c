using System.Diagnostics.CodeAnalysis;

namespace ChangeThisFile.Client.Webhooks;

/// <summary>The result of verifying a delivery and, when it is authentic, parsing its event.</summary>
public sealed class WebhookReceiveResult
{
    internal WebhookReceiveResult(
        WebhookVerificationResult verification, ConversionWebhookEvent? webhookEvent, string? parseError)
    {
        Verification = verification;
        Event = webhookEvent;
        ParseError = parseError;
    }

    /// <summary>The signature check; when it failed, no parsing was attempted.</summary>
    public WebhookVerificationResult Verification { get; }

    /// <summary>The event, when the signature is valid and the body parsed.</summary>
    public ConversionWebhookEvent? Event { get; }

    /// <summary>Why an authentic body could not be parsed; null otherwise.</summary>
    public string? ParseError { get; }

    /// <summary>Whether the delivery is authentic and its event parsed.</summary>
    [MemberNotNullWhen(true, nameof(Event))]
    public bool Succeeded => Verification.IsValid && Event is not null;
}
