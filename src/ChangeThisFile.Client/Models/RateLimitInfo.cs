namespace ChangeThisFile.Client;

/// <summary>
/// The rate-limit figures of a response, from <c>X-RateLimit-Limit</c>,
/// <c>X-RateLimit-Remaining</c> and <c>X-RateLimit-Reset</c>.
/// </summary>
/// <param name="Limit">Requests allowed per window (per minute on the documented plans).</param>
/// <param name="Remaining">Requests left in the current window.</param>
/// <param name="ResetsAt">
/// When the window resets. The API sends Unix epoch seconds; a value below 1,000,000,000 is read
/// as seconds from the time of the response instead.
/// </param>
public sealed record RateLimitInfo(long? Limit, long? Remaining, DateTimeOffset? ResetsAt);
