using ChangeThisFile.Client.Webhooks;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Client.Tests.Webhooks;

public sealed class InMemoryWebhookDeduplicationStoreTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_767_225_600));

    [Fact]
    public async Task TryClaim_NewKey_Claims()
    {
        var store = new InMemoryWebhookDeduplicationStore(_clock);

        var result = await store.TryClaimAsync("k", Lease, default);

        result.Should().Be(WebhookClaimResult.Claimed);
    }

    [Fact]
    public async Task TryClaim_WhileClaimed_ReturnsInProgress()
    {
        var store = new InMemoryWebhookDeduplicationStore(_clock);
        await store.TryClaimAsync("k", Lease, default);

        var result = await store.TryClaimAsync("k", Lease, default);

        result.Should().Be(WebhookClaimResult.InProgress);
    }

    [Fact]
    public async Task TryClaim_AfterProcessed_ReturnsAlreadyProcessed()
    {
        var store = new InMemoryWebhookDeduplicationStore(_clock);
        await store.TryClaimAsync("k", Lease, default);
        await store.MarkProcessedAsync("k", Retention, default);

        var result = await store.TryClaimAsync("k", Lease, default);

        result.Should().Be(WebhookClaimResult.AlreadyProcessed);
    }

    [Fact]
    public async Task TryClaim_AfterRelease_ClaimsAgain()
    {
        var store = new InMemoryWebhookDeduplicationStore(_clock);
        await store.TryClaimAsync("k", Lease, default);
        await store.ReleaseAsync("k", default);

        var result = await store.TryClaimAsync("k", Lease, default);

        result.Should().Be(WebhookClaimResult.Claimed);
    }

    [Fact]
    public async Task Release_AfterProcessed_KeepsProcessedMark()
    {
        var store = new InMemoryWebhookDeduplicationStore(_clock);
        await store.TryClaimAsync("k", Lease, default);
        await store.MarkProcessedAsync("k", Retention, default);

        await store.ReleaseAsync("k", default);
        var result = await store.TryClaimAsync("k", Lease, default);

        result.Should().Be(WebhookClaimResult.AlreadyProcessed);
    }

    [Fact]
    public async Task TryClaim_AfterRetentionExpires_ClaimsAgain()
    {
        var store = new InMemoryWebhookDeduplicationStore(_clock);
        await store.TryClaimAsync("k", Lease, default);
        await store.MarkProcessedAsync("k", Retention, default);

        _clock.Advance(Retention + TimeSpan.FromSeconds(1));
        var result = await store.TryClaimAsync("k", Lease, default);

        result.Should().Be(WebhookClaimResult.Claimed);
    }

    [Fact]
    public async Task TryClaim_AfterLeaseExpires_ClaimsAgain()
    {
        var store = new InMemoryWebhookDeduplicationStore(_clock);
        await store.TryClaimAsync("k", Lease, default);

        _clock.Advance(Lease + TimeSpan.FromSeconds(1));
        var result = await store.TryClaimAsync("k", Lease, default);

        result.Should().Be(WebhookClaimResult.Claimed);
    }

    [Fact]
    public async Task TryClaim_AfterSweepInterval_RemovesExpiredEntries()
    {
        var store = new InMemoryWebhookDeduplicationStore(_clock);
        for (var i = 0; i < 10; i++)
        {
            await store.TryClaimAsync($"k{i}", Lease, default);
            await store.MarkProcessedAsync($"k{i}", TimeSpan.FromSeconds(30), default);
        }

        _clock.Advance(InMemoryWebhookDeduplicationStore.SweepInterval);
        await store.TryClaimAsync("fresh", Lease, default);

        store.Count.Should().Be(1);
    }

    [Fact]
    public async Task TryClaim_ConcurrentClaims_OnlyOneWins()
    {
        var store = new InMemoryWebhookDeduplicationStore(_clock);

        var results = await Task.WhenAll(Enumerable.Range(0, 64)
            .Select(_ => Task.Run(async () => await store.TryClaimAsync("k", Lease, default))));

        results.Count(r => r == WebhookClaimResult.Claimed).Should().Be(1);
    }
}
