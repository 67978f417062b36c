using System.Globalization;
using ChangeThisFile.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Emulator.Tests;

public sealed class WebhookRetryTests : IAsyncLifetime
{
    private TestReceiver _receiver = null!;

    private string Hook => _receiver.Url("/h").ToString();

    public async Task InitializeAsync() => _receiver = await TestReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Delivery_FailingTwice_SucceedsOnThirdAttempt()
    {
        _receiver.StatusFor = n => n <= 2 ? 503 : 200;
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            WebhookRetryScale = 0.001,
        });
        using var api = EmulatorApi.For(emulator);

        var jobId = await api.SubmitJobAsync("a\n1\n"u8.ToArray(), "a.csv", "json", ("webhook_url", Hook));
        await emulator.Webhooks.WaitForSuccessAsync(jobId);

        var attempts = emulator.Webhooks.ForJob(jobId);
        attempts.Select(a => a.Attempt).Should().Equal(1, 2, 3);
        attempts.Select(a => a.StatusCode).Should().Equal(503, 503, 200);
        _receiver.Requests.Should().HaveCount(3);
        var firstBody = _receiver.Requests[0].Body;
        _receiver.Requests.Select(r => r.Body).Should().AllSatisfy(body => body.Should().Equal(firstBody));
    }

    [Fact]
    public async Task Delivery_AlwaysFailing_FollowsScheduleWithFreshSignatures()
    {
        _receiver.StatusFor = _ => 500;
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var clock = new FakeTimeProvider(start);
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            TimeProvider = clock,
        });
        using var api = EmulatorApi.For(emulator);
        var jobId = await api.SubmitJobAsync("a\n1\n"u8.ToArray(), "a.csv", "json", ("webhook_url", Hook));

        TimeSpan[] advances =
            [TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];
        for (var attempt = 1; attempt <= advances.Length; attempt++)
        {
            var (delay, count) = (advances[attempt - 1], attempt);
            clock.Advance(delay);
            await emulator.Webhooks.WaitForCountAsync(d => d.JobId == jobId, count);
        }

        var attempts = emulator.Webhooks.ForJob(jobId);
        attempts.Select(a => a.SentAt - start).Should().Equal(
            TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(330), TimeSpan.FromSeconds(2130));
        var timestamps = _receiver.Requests
            .Select(r => TestSignatures.ParseV1(r.Headers["X-CTF-Signature"]).Timestamp)
            .ToList();
        var expected = new[] { 0, 30, 330, 2130 }
            .Select(s => (start.ToUnixTimeSeconds() + s).ToString(CultureInfo.InvariantCulture));
        timestamps.Should().Equal(expected);
        _receiver.Requests.Select(r => r.Headers["X-CTF-Signature"]).Should().OnlyHaveUniqueItems();
        foreach (var request in _receiver.Requests)
        {
            var (timestamp, signature) = TestSignatures.ParseV1(request.Headers["X-CTF-Signature"]);
            signature.Should().Be(TestSignatures.V1(emulator.WebhookSecret, timestamp, request.Body));
        }
    }

    [Fact]
    public async Task Delivery_ReceiverTimesOut_IsRetried()
    {
        _receiver.DelayFor = n => n == 1 ? TimeSpan.FromSeconds(10) : TimeSpan.Zero;
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            WebhookTimeout = TimeSpan.FromSeconds(1),
            WebhookRetryScale = 0.001,
        });
        using var api = EmulatorApi.For(emulator);

        var jobId = await api.SubmitJobAsync("a\n1\n"u8.ToArray(), "a.csv", "json", ("webhook_url", Hook));
        var success = await emulator.Webhooks.WaitForSuccessAsync(jobId);

        success.Attempt.Should().Be(2);
        var first = emulator.Webhooks.ForJob(jobId)[0];
        first.StatusCode.Should().BeNull();
        first.Error.Should().Contain("timed out");
    }

    [Fact]
    public async Task Delivery_Dropped_IsNeverSent()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        emulator.Faults.DropNextWebhooks(1);
        using var api = EmulatorApi.For(emulator);

        var jobId = await api.SubmitJobAsync("a\n1\n"u8.ToArray(), "a.csv", "json", ("webhook_url", Hook));
        var dropped = await emulator.Webhooks.WaitForAsync(d => d.JobId == jobId);

        dropped.Dropped.Should().BeTrue();
        dropped.StatusCode.Should().BeNull();
        _receiver.Requests.Should().BeEmpty();
        emulator.Faults.Injected.WebhooksDropped.Should().Be(1);
    }

    [Fact]
    public async Task Delivery_Duplicated_ArrivesTwice()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        emulator.Faults.DuplicateNextWebhooks(1);
        using var api = EmulatorApi.For(emulator);

        var jobId = await api.SubmitJobAsync("a\n1\n"u8.ToArray(), "a.csv", "json", ("webhook_url", Hook));
        var copies = await emulator.Webhooks.WaitForCountAsync(d => d.JobId == jobId && d.Succeeded, 2);

        copies[0].IsDuplicate.Should().BeFalse();
        copies[1].IsDuplicate.Should().BeTrue();
        _receiver.Requests.Should().HaveCount(2);
        _receiver.Requests[1].Body.Should().Equal(_receiver.Requests[0].Body);
    }

    [Fact]
    public async Task Dispose_WithRetriesPending_ReturnsPromptly()
    {
        _receiver.StatusFor = _ => 500;
        var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        var jobId = await api.SubmitJobAsync("a\n1\n"u8.ToArray(), "a.csv", "json", ("webhook_url", Hook));
        await emulator.Webhooks.WaitForAsync(d => d.JobId == jobId);

        var dispose = emulator.DisposeAsync().AsTask();

        var finished = await Task.WhenAny(dispose, Task.Delay(TimeSpan.FromSeconds(20)));
        finished.Should().BeSameAs(dispose, "a pending 30 s retry must not hold up disposal");
    }
}
