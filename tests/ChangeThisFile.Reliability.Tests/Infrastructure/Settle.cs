using System.Diagnostics;

namespace ChangeThisFile.Reliability.Tests.Infrastructure;

/// <summary>Waits for a counter that other threads update asynchronously, such as connections closing.</summary>
public static class Settle
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Polls <paramref name="read"/> until it is at most <paramref name="limit"/> or a real-time
    /// guard passes, and returns the last value, which the caller asserts on.
    /// </summary>
    public static async Task<int> UntilAtMostAsync(Func<int> read, int limit)
    {
        var watch = Stopwatch.StartNew();
        var value = read();
        while (value > limit && watch.Elapsed < Guard)
        {
            await Task.Delay(5);
            value = read();
        }

        return value;
    }
}
