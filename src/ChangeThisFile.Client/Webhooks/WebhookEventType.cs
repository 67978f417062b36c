namespace ChangeThisFile.Client.Webhooks;

/// <summary>
/// The type of a webhook event: <c>job.completed</c>, <c>job.failed</c>, <c>webhook.test</c>,
/// or any other value the API sends, kept as received.
/// </summary>
/// <remarks>Known values are matched without regard to letter case.</remarks>
public readonly struct WebhookEventType : IEquatable<WebhookEventType>
{
    private readonly string? _value;

    /// <summary>Initializes a type from the text the API sends.</summary>
    /// <param name="value">The raw event name; <see langword="null"/> is kept as an empty string.</param>
    public WebhookEventType(string? value) => _value = value;

    /// <summary>A job finished and its result is available.</summary>
    public static WebhookEventType JobCompleted { get; } = new("job.completed");

    /// <summary>A job failed; the event carries the error.</summary>
    public static WebhookEventType JobFailed { get; } = new("job.failed");

    /// <summary>A test delivery sent by <c>POST /v1/webhooks/test</c>; it is never deduplicated.</summary>
    public static WebhookEventType WebhookTest { get; } = new("webhook.test");

    /// <summary>The event name exactly as received; empty when the body named none.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Whether the value is one of the three documented event types.</summary>
    public bool IsKnown => Equals(JobCompleted) || Equals(JobFailed) || Equals(WebhookTest);

    /// <inheritdoc />
    public bool Equals(WebhookEventType other) =>
        string.Equals(Value, other.Value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WebhookEventType other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Value);

    /// <summary>Returns the event name exactly as received.</summary>
    public override string ToString() => Value;

    /// <summary>Compares two types without regard to letter case.</summary>
    public static bool operator ==(WebhookEventType left, WebhookEventType right) => left.Equals(right);

    /// <summary>Compares two types without regard to letter case.</summary>
    public static bool operator !=(WebhookEventType left, WebhookEventType right) => !left.Equals(right);
}
