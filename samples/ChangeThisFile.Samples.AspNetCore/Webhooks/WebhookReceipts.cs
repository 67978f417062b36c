namespace ChangeThisFile.Samples.AspNetCore.Webhooks;

/// <summary>A webhook delivery whose signature was verified and that the app acknowledged.</summary>
/// <param name="EventType">The event, such as <c>job.completed</c>.</param>
/// <param name="FileId">The file id from the event's metadata, when present.</param>
/// <param name="JobId">The job id the event named.</param>
/// <param name="StatusCode">The 2xx status the app returned.</param>
internal sealed record WebhookReceipt(string EventType, string? FileId, string? JobId, int StatusCode);

/// <summary>
/// The most recent acknowledged webhooks of this process, by file id, so the convert command can
/// wait for the webhook of its own file. Only the last <see cref="Capacity"/> files are kept.
/// </summary>
internal sealed class WebhookReceipts
{
    /// <summary>How many files' receipts are kept.</summary>
    public const int Capacity = 256;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, TaskCompletionSource<WebhookReceipt>> _byFileId = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();

    /// <summary>Records an acknowledged delivery. The first receipt of a file completes its waiters.</summary>
    public void Add(WebhookReceipt receipt)
    {
        if (receipt.FileId is null)
        {
            return;
        }

        Slot(receipt.FileId).TrySetResult(receipt);
    }

    /// <summary>Waits for the first acknowledged delivery of a file, which may already have arrived.</summary>
    /// <exception cref="OperationCanceledException">The token was cancelled first.</exception>
    public Task<WebhookReceipt> WaitForFileAsync(string fileId, CancellationToken cancellationToken) =>
        Slot(fileId).Task.WaitAsync(cancellationToken);

    private TaskCompletionSource<WebhookReceipt> Slot(string fileId)
    {
        lock (_lock)
        {
            if (_byFileId.TryGetValue(fileId, out var slot))
            {
                return slot;
            }

            if (_order.Count == Capacity)
            {
                _byFileId.Remove(_order.Dequeue());
            }

            slot = new TaskCompletionSource<WebhookReceipt>(TaskCreationOptions.RunContinuationsAsynchronously);
            _byFileId.Add(fileId, slot);
            _order.Enqueue(fileId);
            return slot;
        }
    }
}
