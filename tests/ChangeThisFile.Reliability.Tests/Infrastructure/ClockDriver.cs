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

    /// <summary>
    /// Awaits <paramref name="operation"/>. Whenever a <c>Task.Delay</c> on the clock is pending,
    /// the clock skips to its end. Whenever <paramref name="hangsStarted"/> reports a new hang on
    /// the server, the clock skips to the earliest pending timeout, which is the attempt's own.
    /// </summary>
    public static async Task<T> DriveAsync<T>(this TestClock clock, Task<T> operation, Func<int>? hangsStarted = null)
    {
        await DriveCoreAsync(clock, operation, hangsStarted);
        return await operation;
    }

    /// <inheritdoc cref="DriveAsync{T}(TestClock, Task{T}, Func{int}?)"/>
    public static async Task DriveAsync(this TestClock clock, Task operation, Func<int>? hangsStarted = null)
    {
        await DriveCoreAsync(clock, operation, hangsStarted);
        await operation;
    }

    private static async Task DriveCoreAsync(TestClock clock, Task operation, Func<int>? hangsStarted)
    {
        var watch = Stopwatch.StartNew();
        var hangsServed = 0;
        while (!operation.IsCompleted)
        {
            await Task.WhenAny(operation, Task.Delay(2));
            if (operation.IsCompleted)
            {
                return;
            }

            if (watch.Elapsed > HangGuard)
            {
                throw new OperationHungException(HangGuard);
            }

            if (hangsStarted?.Invoke() > hangsServed && clock.NextDue(TimerKind.Timeout) is { } timeout)
            {
                hangsServed++;
                clock.AdvanceTo(timeout);
            }
            else if (clock.NextDue(TimerKind.Delay) is { } due)
            {
                clock.AdvanceTo(due);
            }
        }
    }
}

/// <summary>Thrown when an operation under a <see cref="TestClock"/> does not complete in real time.</summary>
public sealed class OperationHungException(TimeSpan guard)
    : Exception($"The operation did not complete within {guard} of real time; it probably hangs.");
