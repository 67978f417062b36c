namespace ChangeThisFile.Client.Flow;

/// <summary>What the webhook step did with an event.</summary>
public enum WebhookOutcome
{
    /// <summary>The event changed the record: the result was stored and the record is done, or it is failed.</summary>
    Applied,

    /// <summary>The record already carried this outcome; nothing changed.</summary>
    Duplicate,

    /// <summary>The event arrived after a stronger outcome (a <c>job.failed</c> after done); nothing changed.</summary>
    Stale,

    /// <summary>
    /// No record matched the event, or the record belongs to another job. The event was kept as an
    /// unmatched event for an operator, and the record was not changed.
    /// </summary>
    Unmatched,

    /// <summary>The event needs no action, such as <c>webhook.test</c>.</summary>
    Ignored,

    /// <summary>
    /// The download URL checks rejected the result URL, as for a forged or misrouted payload. The
    /// event was kept as an unmatched event and the record was not changed.
    /// </summary>
    Rejected,
}
