using ChangeThisFile.Client.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Client.Tests.Webhooks;

internal static class WebhookVerifierFactory
{
    public static WebhookSignatureVerifier Create(
        IEnumerable<string> secrets, DateTimeOffset now, bool allowLegacy = false, long maxBodySize = 1024 * 1024)
    {
        var options = new WebhookVerificationOptions
        {
            Secrets = secrets.ToList(),
            AllowLegacySignatures = allowLegacy,
            MaxBodySize = maxBodySize,
        };
        return new WebhookSignatureVerifier(options, new FakeTimeProvider(now));
    }

    public static WebhookSignatureVerifier ForCase(WebhookCase item, bool allowLegacy) =>
        Create(item.Secrets, WebhookTestData.CaseNow, allowLegacy);
}
