using System.Collections.Concurrent;

namespace ChangeThisFile.Emulator.Http;

/// <summary>The outcome of counting one request against its key's window.</summary>
internal readonly record struct RateLimitDecision(
    bool Allowed, int Limit, int Remaining, long ResetUnixSeconds, int RetryAfterSeconds);

/// <summary>
/// A fixed-window limiter per API key: windows are clock minutes, so <c>X-RateLimit-Reset</c>
/// is the start of the next minute in Unix seconds.
/// </summary>
internal sealed class RateLimiter(TimeProvider timeProvider, int limitPerMinute)
{
    private const int WindowSeconds = 60;

    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public RateLimitDecision Acquire(string apiKey)
    {
        var now = timeProvider.GetUtcNow();
        var nowSeconds = now.ToUnixTimeMilliseconds() / 1000.0;
        var windowStart = (long)Math.Floor(nowSeconds / WindowSeconds) * WindowSeconds;
        var reset = windowStart + WindowSeconds;
        var window = _windows.GetOrAdd(apiKey, _ => new Window());
        int count;
        lock (window)
        {
            if (window.Start != windowStart)
            {
                window.Start = windowStart;
                window.Count = 0;
            }

            count = ++window.Count;
        }

        var retryAfter = Math.Max(1, (int)Math.Ceiling(reset - nowSeconds));
        var remaining = Math.Max(0, limitPerMinute - count);
        return new RateLimitDecision(count <= limitPerMinute, limitPerMinute, remaining, reset, retryAfter);
    }

    private sealed class Window
    {
        public long Start { get; set; } = long.MinValue;

        public int Count { get; set; }
    }
}
