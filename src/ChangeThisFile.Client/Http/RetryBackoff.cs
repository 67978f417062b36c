namespace ChangeThisFile.Client.Http;

/// <summary>Exponential back-off with jitter, shared by request retries and job polling.</summary>
internal static class RetryBackoff
{
    /// <summary>
    /// Returns a delay drawn at random between half and all of
    /// <c>min(maxDelay, baseDelay * 2^(attempt - 1))</c>.
    /// </summary>
    /// <param name="baseDelay">The delay of the first attempt.</param>
    /// <param name="maxDelay">The cap of the exponential growth.</param>
    /// <param name="attempt">The 1-based number of the retry or poll.</param>
    public static TimeSpan Compute(TimeSpan baseDelay, TimeSpan maxDelay, int attempt)
    {
        if (baseDelay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = Math.Min(baseDelay.Ticks * Math.Pow(2, exponent), maxDelay.Ticks);
#pragma warning disable CA5394 // Jitter spreads retries of many clients; it needs no unpredictability.
        var jittered = ticks * (0.5 + (Random.Shared.NextDouble() * 0.5));
#pragma warning restore CA5394
        return TimeSpan.FromTicks((long)Math.Max(0, jittered));
    }
}
