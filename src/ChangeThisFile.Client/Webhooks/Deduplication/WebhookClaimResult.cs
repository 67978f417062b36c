namespace ChangeThisFile.Client.Webhooks;

/// <summary>The result of claiming a delivery in an <see cref="IWebhookDeduplicationStore"/>.</summary>
public enum WebhookClaimResult
{
    /// <summary>The caller now owns the delivery and must mark it processed or release it.</summary>
    Claimed = 1,

    /// <summary>An earlier delivery of the same event was processed; acknowledge without processing.</summary>
    AlreadyProcessed,

    /// <summary>Another delivery of the same event is being processed right now.</summary>
    InProgress,
}
