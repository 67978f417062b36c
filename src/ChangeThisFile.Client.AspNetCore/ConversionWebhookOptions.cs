namespace ChangeThisFile.Client.AspNetCore;

/// <summary>
/// Settings for the webhook endpoint and middleware, bound from the same configuration section
/// as <see cref="Webhooks.WebhookVerificationOptions"/>. <see cref="BodyReadTimeout"/>,
/// <see cref="DeduplicationWindow"/>, <see cref="InFlightLease"/> and <see cref="RetryAfter"/>
/// are reread on every request; the queue settings are read once at start-up.
/// </summary>
public sealed class ConversionWebhookOptions
{
    /// <summary>The default <see cref="BodyReadTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultBodyReadTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The default <see cref="QueueCapacity"/>: 1000 events.</summary>
    public const int DefaultQueueCapacity = 1000;

    /// <summary>The default <see cref="QueueConcurrency"/>: 4 handlers at once.</summary>
    public const int DefaultQueueConcurrency = 4;

    /// <summary>The default <see cref="DrainTimeout"/>: 10 seconds.</summary>
    public static readonly TimeSpan DefaultDrainTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The default <see cref="QueuedMaxAttempts"/>: 3 attempts.</summary>
    public const int DefaultQueuedMaxAttempts = 3;

    /// <summary>The default <see cref="QueuedRetryDelay"/>: 2 seconds.</summary>
    public static readonly TimeSpan DefaultQueuedRetryDelay = TimeSpan.FromSeconds(2);

    /// <summary>The default <see cref="DeduplicationWindow"/>: 24 hours.</summary>
    public static readonly TimeSpan DefaultDeduplicationWindow = TimeSpan.FromHours(24);

    /// <summary>The default <see cref="InFlightLease"/>: 15 minutes.</summary>
    public static readonly TimeSpan DefaultInFlightLease = TimeSpan.FromMinutes(15);

    /// <summary>The default <see cref="RetryAfter"/>: 30 seconds, the API's first retry delay.</summary>
    public static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the whole body may take to arrive. A sender that trickles bytes slower than
    /// that gets 408, so it cannot hold a request open. Default 10 seconds; 1 second to 5 minutes.
    /// </summary>
    public TimeSpan BodyReadTimeout { get; set; } = DefaultBodyReadTimeout;

    /// <summary>
    /// Whether to run handlers during the request or from a queue. Default <see
    /// cref="WebhookAcknowledgementMode.Inline"/>.
    /// </summary>
    public WebhookAcknowledgementMode Mode { get; set; } = WebhookAcknowledgementMode.Inline;

    /// <summary>How many events the queue can contain before deliveries get 503. Default 1000; 1 to 1,000,000.</summary>
    public int QueueCapacity { get; set; } = DefaultQueueCapacity;

    /// <summary>How many queued events are handled at once. Default 4; 1 to 64.</summary>
    public int QueueConcurrency { get; set; } = DefaultQueueConcurrency;

    /// <summary>
    /// How long shutdown waits for queued events to be handled before cancelling the rest.
    /// Default 10 seconds; 0 to 10 minutes. Keep it below the host's shutdown timeout
    /// (<c>HostOptions.ShutdownTimeout</c>, 30 seconds by default).
    /// </summary>
    public TimeSpan DrainTimeout { get; set; } = DefaultDrainTimeout;

    /// <summary>
    /// How many times a queued event's handler runs before the event is given up. Default 3; 1 to
    /// 20.
    /// </summary>
    public int QueuedMaxAttempts { get; set; } = DefaultQueuedMaxAttempts;

    /// <summary>
    /// The wait before the second attempt of a queued handler, doubled for each later one. Default
    /// 2 seconds.
    /// </summary>
    public TimeSpan QueuedRetryDelay { get; set; } = DefaultQueuedRetryDelay;

    /// <summary>
    /// How long a processed event is remembered, so a repeated delivery is acknowledged without
    /// being handled again. Default 24 hours; zero turns deduplication off. The API retries for
    /// about 36 minutes, so keep it above one hour.
    /// </summary>
    public TimeSpan DeduplicationWindow { get; set; } = DefaultDeduplicationWindow;

    /// <summary>
    /// How long an event being handled blocks its duplicates if its claim is never completed,
    /// for example when a process sharing the store dies. Default 15 minutes.
    /// </summary>
    public TimeSpan InFlightLease { get; set; } = DefaultInFlightLease;

    /// <summary>The <c>Retry-After</c> sent with 503 and 409 responses. Default 30 seconds; 1 second to 1 hour.</summary>
    public TimeSpan RetryAfter { get; set; } = DefaultRetryAfter;
}
