using System.Text;

namespace ChangeThisFile.Emulator;

/// <summary>
/// One webhook attempt as the emulator sent it (or, when dropped by a fault, would have
/// sent it).
/// </summary>
public sealed record WebhookDelivery
{
    /// <summary>Where the webhook was posted.</summary>
    public required Uri Url { get; init; }

    /// <summary>
    /// The <c>X-CTF-Event</c> value: <c>job.completed</c>, <c>job.failed</c> or
    /// <c>webhook.test</c>.
    /// </summary>
    public required string Event { get; init; }

    /// <summary>The job the webhook reports; null for <c>webhook.test</c>.</summary>
    public string? JobId { get; init; }

    /// <summary>The attempt number, 1 for the first try and up to 4 with retries.</summary>
    public required int Attempt { get; init; }

    /// <summary>Whether this is the extra copy sent by the duplicate-webhook fault.</summary>
    public bool IsDuplicate { get; init; }

    /// <summary>
    /// Whether the drop-webhook fault kept this delivery from being sent; no retries
    /// follow.
    /// </summary>
    public bool Dropped { get; init; }

    /// <summary>The request headers the emulator set, by name.</summary>
    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    /// <summary>The exact body bytes, as signed.</summary>
    public required ReadOnlyMemory<byte> Body { get; init; }

    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body.Span);

    /// <summary>The <c>X-CTF-Signature</c> header value.</summary>
    public string Signature => Headers.TryGetValue("X-CTF-Signature", out var value) ? value : string.Empty;

    /// <summary>The receiver's HTTP status; null when no response came (timeout, refused, dropped).</summary>
    public int? StatusCode { get; init; }

    /// <summary>Why no response came, such as a timeout; null when one did.</summary>
    public string? Error { get; init; }

    /// <summary>When the attempt started, by the emulator's clock.</summary>
    public required DateTimeOffset SentAt { get; init; }

    /// <summary>Whether the receiver responded with a 2xx status.</summary>
    public bool Succeeded => StatusCode is >= 200 and <= 299;
}
