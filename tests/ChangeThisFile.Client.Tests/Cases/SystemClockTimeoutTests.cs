using ChangeThisFile.Client.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Client.Tests.Cases;

/// <summary>
/// The timeout layers on the system clock, which takes a path of its own with one linked
/// cancellation source per layer. The limits are short real timeouts; nothing asserts on time.
/// </summary>
public sealed class SystemClockTimeoutTests
{
    [Fact]
    public async Task AttemptTimeout_SystemClock_ThrowsAttemptKind()
    {
        await using var server = await LoopbackServer.StartAsync(HangAsync);
        using var harness = new ClientHarness(server.Url, options =>
        {
            options.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            options.MaxRetryAttempts = 0;
        });

        var thrown = await harness.Client.Invoking(client => client.GetJobAsync("job-1"))
            .Should().ThrowAsync<ConversionTimeoutException>();

        thrown.Which.Kind.Should().Be(ConversionTimeoutKind.Attempt);
        thrown.Which.Timeout.Should().Be(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task TotalTimeout_SystemClock_ThrowsTotalKind()
    {
        await using var server = await LoopbackServer.StartAsync(HangAsync);
        using var harness = new ClientHarness(server.Url, options =>
        {
            options.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            options.TotalTimeout = TimeSpan.FromMilliseconds(500);
            options.MaxRetryAttempts = 10;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(1);
        });

        var thrown = await harness.Client.Invoking(client => client.GetJobAsync("job-1"))
            .Should().ThrowAsync<ConversionTimeoutException>();

        thrown.Which.Kind.Should().Be(ConversionTimeoutKind.Total);
        thrown.Which.Timeout.Should().Be(TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task TotalTimeout_WallClockStopped_StillFires()
    {
        await using var server = await LoopbackServer.StartAsync(HangAsync);
        using var harness = new ClientHarness(server.Url, options =>
        {
            options.AttemptTimeout = TimeSpan.FromMilliseconds(300);
            options.TotalTimeout = TimeSpan.FromSeconds(1);
            options.MaxRetryAttempts = 10;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(1);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(1);
        }, services: services => services.AddSingleton<TimeProvider>(new StoppedWallClock()));

        var thrown = await harness.Client.Invoking(client => client.GetJobAsync("job-1"))
            .Should().ThrowAsync<ConversionTimeoutException>();

        thrown.Which.Kind.Should().Be(ConversionTimeoutKind.Total, "the total timeout measures elapsed time");
        harness.Hosts.Count.Should().BeLessThan(11, "the retries end at the total timeout, not when they run out");
    }

    private static async Task HangAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, which is what the test waits for.
        }
    }

    /// <summary>A wall clock stepped back and held, as after a clock correction, with the system's timers.</summary>
    private sealed class StoppedWallClock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => ClientHarness.Epoch;
    }
}
