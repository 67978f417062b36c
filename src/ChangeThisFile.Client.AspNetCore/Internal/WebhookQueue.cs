using System.Threading.Channels;
using ChangeThisFile.Client.Webhooks;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.AspNetCore.Internal;

internal sealed record QueuedWebhook(
    ConversionWebhookEvent Event, WebhookHandlerDelegate Handler, string? DeduplicationKey);

/// <summary>The bounded in-memory queue between the endpoint and <see cref="WebhookQueueProcessor"/>.</summary>
internal sealed class WebhookQueue(IOptions<ConversionWebhookOptions> options)
{
    private readonly Channel<QueuedWebhook> _channel = Channel.CreateBounded<QueuedWebhook>(
        new BoundedChannelOptions(options.Value.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });

    public ChannelReader<QueuedWebhook> Reader => _channel.Reader;

    public int Count => _channel.Reader.Count;

    /// <summary>Adds an event; false when the queue is full or no longer accepts events.</summary>
    public bool TryEnqueue(QueuedWebhook item) => _channel.Writer.TryWrite(item);

    /// <summary>Stops accepting events; those already queued can still be read.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
