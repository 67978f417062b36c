using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Client.Tests.Infrastructure;

/// <summary>Moves a fake clock forward in steps until an operation under test completes.</summary>
public static class TimeDriver
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Advances <paramref name="time"/> by <paramref name="step"/> while letting real I/O run,
    /// until <paramref name="task"/> completes, and returns its result. Real time only bounds a
    /// hang; the outcome never depends on it.
    /// </summary>
    public static async Task<T> RunAsync<T>(this FakeTimeProvider time, Task<T> task, TimeSpan step)
    {
        await DriveAsync(time, task, step);
        return await task;
    }

    public static async Task RunAsync(this FakeTimeProvider time, Task task, TimeSpan step)
    {
        await DriveAsync(time, task, step);
        await task;
    }

    private static async Task DriveAsync(FakeTimeProvider time, Task task, TimeSpan step)
    {
        var guard = Task.Delay(HangGuard);
        while (!task.IsCompleted)
        {
            if (guard.IsCompleted)
            {
                throw new TimeoutException("The operation under test did not complete; it probably hangs.");
            }

            await Task.WhenAny(task, Task.Delay(2));
            if (!task.IsCompleted)
            {
                time.Advance(step);
            }
        }
    }
}
