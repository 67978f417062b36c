using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Reliability.Tests.Infrastructure;

/// <summary>What a timer created on a <see cref="TestClock"/> is for, judged by its state object.</summary>
public enum TimerKind
{
    /// <summary>A <c>Task.Delay</c>: the caller waits for it and does nothing else meanwhile.</summary>
    Delay,

    /// <summary>A <see cref="CancellationTokenSource"/> timeout that bounds work in progress.</summary>
    Timeout,

    /// <summary>Any other timer.</summary>
    Other,
}

/// <summary>
/// A fake clock (over <see cref="FakeTimeProvider"/>) that tracks which timers are pending, so a
/// test can skip exactly to the end of a wait the code under test started, without moving time
/// while a request is merely in flight.
/// </summary>
/// <remarks>
/// <c>Task.Delay(delay, timeProvider)</c> passes its task as the timer state, and a
/// <see cref="CancellationTokenSource"/> with a timeout passes itself. The state's type therefore
/// gives the timer's kind. NOTE: this relies on how .NET 10 creates those timers; if that
/// changes, waits are no longer skipped and the tests fail on the driver's real-time hang guard.
/// </remarks>
public sealed class TestClock : TimeProvider
{
    /// <summary>A start time on a whole second: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _fake;
    private readonly Lock _gate = new();

    // Held while the clock moves and while a timer is created, so a timer's tracked due time and
    // its real due time are computed from the same "now" even when several callers share the clock.
    private readonly Lock _advance = new();
    private readonly HashSet<TrackedTimer> _timers = [];
    private TaskCompletionSource _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TestClock(DateTimeOffset? start = null) => _fake = new FakeTimeProvider(start ?? Epoch);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    /// <summary>Completes when the next timer is created, so a driver need not poll for it.</summary>
    public Task NextTimerCreated => Volatile.Read(ref _timerCreated).Task;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var kind = state switch
        {
            CancellationTokenSource => TimerKind.Timeout,
            Task => TimerKind.Delay,
            _ => TimerKind.Other,
        };
        var timer = new TrackedTimer(this, kind, period);
        lock (_advance)
        {
            lock (_gate)
            {
                _timers.Add(timer);
                timer.Schedule(GetUtcNow(), dueTime);
            }

            timer.Inner = _fake.CreateTimer(
                timerState =>
                {
                    timer.OnFired();
                    callback(timerState);
                },
                state,
                dueTime,
                period);
        }

        var created = Interlocked.Exchange(
            ref _timerCreated, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        created.TrySetResult();
        return timer;
    }

    /// <summary>Returns when the earliest pending timer of <paramref name="kind"/> is due, or null.</summary>
    public DateTimeOffset? NextDue(TimerKind kind)
    {
        lock (_gate)
        {
            return _timers.Where(timer => timer.Kind == kind && timer.Due is not null).Min(timer => timer.Due);
        }
    }

    /// <summary>Moves the clock to <paramref name="time"/>, firing every timer due by then; never backwards.</summary>
    public void AdvanceTo(DateTimeOffset time)
    {
        lock (_advance)
        {
            var step = time - GetUtcNow();
            if (step > TimeSpan.Zero)
            {
                _fake.Advance(step);
            }
        }
    }

    public void Advance(TimeSpan step)
    {
        lock (_advance)
        {
            _fake.Advance(step);
        }
    }

    private void Forget(TrackedTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }
    }

    private sealed class TrackedTimer(TestClock clock, TimerKind kind, TimeSpan period) : ITimer
    {
        private TimeSpan _period = period;

        public TimerKind Kind { get; } = kind;

        public DateTimeOffset? Due { get; private set; }

        public ITimer Inner { get; set; } = null!;

        public void Schedule(DateTimeOffset now, TimeSpan dueTime) =>
            Due = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;

        public void OnFired()
        {
            lock (clock._gate)
            {
                Due = _period == Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero
                    ? null
                    : Due + _period;
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                _period = period;
                Schedule(clock.GetUtcNow(), dueTime);
            }

            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            clock.Forget(this);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            clock.Forget(this);
            return Inner.DisposeAsync();
        }
    }
}
