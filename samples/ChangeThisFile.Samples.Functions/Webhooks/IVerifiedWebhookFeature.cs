using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Samples.Functions.Webhooks;

/// <summary>
/// A webhook delivery whose signature was verified, stored in <c>HttpContext.Features</c> by
/// <see cref="WebhookRequestVerifier"/> so that later steps use the verified bytes and event
/// instead of reading the body again.
/// </summary>
public interface IVerifiedWebhookFeature
{
    /// <summary>The body bytes exactly as received and verified.</summary>
    ReadOnlyMemory<byte> Body { get; }

    /// <summary>The parsed event.</summary>
    ConversionWebhookEvent WebhookEvent { get; }
}

/// <summary>The verified delivery.</summary>
/// <param name="Body">The body bytes exactly as received and verified.</param>
/// <param name="WebhookEvent">The parsed event.</param>
internal sealed record VerifiedWebhookFeature(ReadOnlyMemory<byte> Body, ConversionWebhookEvent WebhookEvent)
    : IVerifiedWebhookFeature;
