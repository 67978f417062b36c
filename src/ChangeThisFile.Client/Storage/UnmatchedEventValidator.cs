namespace ChangeThisFile.Client.Storage;

/// <summary>
/// Checks <see cref="UnmatchedEvent"/> values and list limits the same way in every
/// <see cref="IConversionRecordStore"/>.
/// </summary>
public static class UnmatchedEventValidator
{
    /// <summary>
    /// The largest <c>limit</c> accepted by <see cref="IConversionRecordStore.ListUnmatchedEventsAsync"/>.
    /// </summary>
    public const int MaxListLimit = 1000;

    /// <summary>The maximum length of <see cref="UnmatchedEvent.Reason"/>, in UTF-16 characters.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>
    /// Checks that an event has a valid id, an event type, a payload and a reason of at most
    /// <see cref="MaxReasonLength"/> characters.
    /// </summary>
    /// <param name="unmatchedEvent">The event to check.</param>
    /// <exception cref="ArgumentNullException"><paramref name="unmatchedEvent"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A field is missing or invalid; the message names it.</exception>
    public static void Validate(UnmatchedEvent unmatchedEvent)
    {
        ArgumentNullException.ThrowIfNull(unmatchedEvent);
        RecordKey.Validate(unmatchedEvent.Id, "unmatchedEvent.Id");
        if (unmatchedEvent.EventType is null)
        {
            throw new ArgumentException(
                "EventType is null. Pass the event type as received, or an empty string if it had none.",
                "unmatchedEvent.EventType");
        }

        if (unmatchedEvent.Payload is null)
        {
            throw new ArgumentException(
                "Payload is null. Pass the raw body as received, or an empty string.", "unmatchedEvent.Payload");
        }

        if (unmatchedEvent.Reason is { Length: > MaxReasonLength } reason)
        {
            throw new ArgumentException(
                $"Reason has {reason.Length} characters; the maximum is {MaxReasonLength}. Shorten it.",
                "unmatchedEvent.Reason");
        }
    }

    /// <summary>Checks the <c>limit</c> of a listing.</summary>
    /// <param name="limit">The requested number of events.</param>
    /// <exception cref="ArgumentOutOfRangeException">The limit is not between 1 and
    /// <see cref="MaxListLimit"/>.</exception>
    public static void ValidateLimit(int limit)
    {
        if (limit is < 1 or > MaxListLimit)
        {
            throw new ArgumentOutOfRangeException(
                nameof(limit), limit, $"The limit must be between 1 and {MaxListLimit}.");
        }
    }
}
