using System.Diagnostics;

namespace ChangeThisFile.Reliability.Tests.Infrastructure;

/// <summary>
/// Runs an operation under a <see cref="TestClock"/>, moving the clock only when the operation waits
/// on it.
/// </summary>
public static class ClockDriver
{
    /// <summary>Real time after which a run counts as hung; it bounds a broken test and nothing else.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Starts <paramref name="operation"/> and awaits it. Whenever a <c>Task.Delay</c> on the clock
    /// is pending, the clock skips to its end. Whenever <paramref name="hangsStarted"/> reports a
    /// new hang on the server, the clock skips to the earliest pending timeout, which is the
    /// attempt's own. The hang count is read before the operation starts, so no hang is missed.
    /// </summary>
    public static async Task<T> DriveAsync<T>(
        this TestClock clock, Func<Task<T>> operation, Func<int>? hangsStarted = null)
    {
        var hangsBefore = hangsStarted?.Invoke() ?? 0;
        var running = operation();
        await DriveCoreAsync(clock, running, hangsStarted, hangsBefore);
        return await running;
    }

    private static async Task DriveCoreAsync(
        TestClock clock, Task operation, Func<int>? hangsStarted, int hangsServed)
    {
        var watch = Stopwatch.StartNew();
        while (!operation.IsCompleted)
        {
            var timerCreated = clock.NextTimerCreated;
            if (hangsStarted?.Invoke() > hangsServed && clock.NextDue(TimerKind.Timeout) is { } timeout)
            {
                hangsServed++;
                clock.AdvanceTo(timeout);
            }
            else if (clock.NextDue(TimerKind.Delay) is { } due && due > clock.GetUtcNow())
            {
                clock.AdvanceTo(due);
            }
            else if (watch.Elapsed > HangGuard)
            {
                throw new OperationHungException(HangGuard);
            }
            else
            {
                // Wake for a new timer at once; poll now and then for a hang the server reports.
                await Task.WhenAny(operation, timerCreated, Task.Delay(PollInterval));
            }
        }
    }
}

/// <summary>Thrown when an operation under a <see cref="TestClock"/> does not complete in real time.</summary>
public sealed class OperationHungException(TimeSpan guard)
    : Exception($"The operation did not complete within {guard} of real time; it probably hangs.");
