using System.Collections.Concurrent;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.AspNetCore.Tests.Infrastructure;

/// <summary>Records what the webhook handler received, and lets a test decide how the handler behaves.</summary>
public sealed class HandlerProbe
{
    public ConcurrentQueue<(string Method, ConversionWebhookEvent Event)> Calls { get; } = new();

    /// <summary>Runs inside the handler after the call is recorded; throw to fail the delivery.</summary>
    public Func<ConversionWebhookEvent, CancellationToken, Task> Behavior { get; set; } = (_, _) => Task.CompletedTask;

    public int Count => Calls.Count;

    public async Task RecordAsync(
        string method, ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        Calls.Enqueue((method, webhookEvent));
        await Behavior(webhookEvent, cancellationToken);
    }

    public async Task WaitForCallsAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Calls.Count < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}

/// <summary>A handler as an application writes one: it records each call in the probe.</summary>
public sealed class ProbeHandler(HandlerProbe probe) : IConversionWebhookHandler
{
    public Task OnJobCompletedAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        probe.RecordAsync(nameof(OnJobCompletedAsync), webhookEvent, cancellationToken);

    public Task OnJobFailedAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        probe.RecordAsync(nameof(OnJobFailedAsync), webhookEvent, cancellationToken);

    public Task OnTestAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        probe.RecordAsync(nameof(OnTestAsync), webhookEvent, cancellationToken);

    public Task OnUnknownEventAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken) =>
        probe.RecordAsync(nameof(OnUnknownEventAsync), webhookEvent, cancellationToken);
}
