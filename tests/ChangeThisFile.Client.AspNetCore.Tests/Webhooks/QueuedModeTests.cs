using System.Net;
using ChangeThisFile.Client.AspNetCore.Internal;
using ChangeThisFile.Client.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChangeThisFile.Client.AspNetCore.Tests.Webhooks;

/// <summary>
/// Queued acknowledgement: 202 at once, in-process retries, a bounded queue and draining at
/// shutdown.
/// </summary>
public sealed class QueuedModeTests
{
    [Fact]
    public async Task Post_Queued_Answers202AndHandlesLater()
    {
        await using var app = await StartQueued();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Probe.Behavior = (_, _) => gate.Task;

        using var response = await app.PostAsync(WebhookTestApp.CompletedBody("job-q"));
        await app.Probe.WaitForCallsAsync(1);
        gate.SetResult();

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await response.Content.ReadAsStringAsync()).Should().Contain("\"queued\":true");
    }

    [Fact]
    public async Task Queue_FailingHandler_RetriedThenGivenUpAndLogged()
    {
        await using var app = await StartQueued(settings => settings["Webhooks:QueuedMaxAttempts"] = "3");
        app.Probe.Behavior = (_, _) => throw new InvalidOperationException("downstream failed");

        using var response = await app.PostAsync(WebhookTestApp.CompletedBody("job-bad"));
        await WaitForLogAsync(app, 10);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
        app.Probe.Count.Should().Be(3);
        app.Logs.GetSnapshot().Count(record => record.Id.Id == 9).Should().Be(3);
    }

    [Fact]
    public async Task Queue_GivenUpEvent_RedeliveryIsHandledAgain()
    {
        await using var app = await StartQueued(settings => settings["Webhooks:QueuedMaxAttempts"] = "1");
        var calls = 0;
        app.Probe.Behavior = (_, _) => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("first attempt fails")
            : Task.CompletedTask;
        var body = WebhookTestApp.CompletedBody("job-again");

        using var first = await app.PostAsync(body);
        await WaitForLogAsync(app, 10);
        using var redelivered = await app.PostAsync(body);
        await app.Probe.WaitForCallsAsync(2);

        redelivered.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Queue_RetryDelay_WaitsOnClock()
    {
        await using var app = await StartQueued(settings =>
        {
            settings["Webhooks:QueuedMaxAttempts"] = "2";
            settings["Webhooks:QueuedRetryDelay"] = "00:00:05";
        });
        var calls = 0;
        app.Probe.Behavior = (_, _) => Interlocked.Increment(ref calls) == 1
            ? throw new InvalidOperationException("first attempt fails")
            : Task.CompletedTask;

        using var response = await app.PostAsync(WebhookTestApp.CompletedBody("job-delay"));
        await app.Probe.WaitForCallsAsync(1);
        await Task.Delay(100);
        var beforeAdvance = app.Probe.Count;
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await app.Probe.WaitForCallsAsync(2);

        beforeAdvance.Should().Be(1);
    }

    [Fact]
    public async Task Post_QueueFull_Answers503WithRetryAfter()
    {
        await using var app = await StartQueued(settings =>
        {
            settings["Webhooks:QueueCapacity"] = "1";
            settings["Webhooks:QueueConcurrency"] = "1";
        });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Probe.Behavior = (_, _) => gate.Task;

        using var inProgress = await app.PostAsync(WebhookTestApp.CompletedBody("job-1"));
        await app.Probe.WaitForCallsAsync(1);
        using var queued = await app.PostAsync(WebhookTestApp.CompletedBody("job-2"));
        using var rejected = await app.PostAsync(WebhookTestApp.CompletedBody("job-3"));
        gate.SetResult();
        await app.Probe.WaitForCallsAsync(2);

        inProgress.StatusCode.Should().Be(HttpStatusCode.Accepted);
        queued.StatusCode.Should().Be(HttpStatusCode.Accepted);
        rejected.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        rejected.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Post_RejectedByFullQueue_IsNotRememberedAsDuplicate()
    {
        await using var app = await StartQueued(settings =>
        {
            settings["Webhooks:QueueCapacity"] = "1";
            settings["Webhooks:QueueConcurrency"] = "1";
        });
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Probe.Behavior = (_, _) => gate.Task;
        using var inProgress = await app.PostAsync(WebhookTestApp.CompletedBody("job-1"));
        await app.Probe.WaitForCallsAsync(1);
        using var queued = await app.PostAsync(WebhookTestApp.CompletedBody("job-2"));
        using var rejected = await app.PostAsync(WebhookTestApp.CompletedBody("job-3"));

        gate.SetResult();
        await app.Probe.WaitForCallsAsync(2);
        await Task.Delay(50);
        using var retried = await app.PostAsync(WebhookTestApp.CompletedBody("job-3"));
        await app.Probe.WaitForCallsAsync(3);

        rejected.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        retried.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Stop_HandlersFinishWithinDrainTime_AllQueuedEventsHandled()
    {
        await using var app = await StartQueued(settings => settings["Webhooks:QueueConcurrency"] = "1");
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Probe.Behavior = (_, _) => gate.Task;
        for (var i = 0; i < 3; i++)
        {
            using var response = await app.PostAsync(WebhookTestApp.CompletedBody($"job-{i}"));
        }

        await app.Probe.WaitForCallsAsync(1);
        var stopping = Processor(app).StopAsync(CancellationToken.None);
        gate.SetResult();
        await stopping;

        app.Probe.Count.Should().Be(3);
        app.Logs.GetSnapshot().Should().NotContain(record => record.Id.Id == 12);
    }

    [Fact]
    public async Task Stop_DrainTimeExpires_RemainingEventsDroppedAndLogged()
    {
        await using var app = await StartQueued(settings =>
        {
            settings["Webhooks:QueueConcurrency"] = "1";
            settings["Webhooks:DrainTimeout"] = "00:00:05";
        });
        app.Probe.Behavior = (_, cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
        for (var i = 0; i < 3; i++)
        {
            using var response = await app.PostAsync(WebhookTestApp.CompletedBody($"job-{i}"));
        }

        await app.Probe.WaitForCallsAsync(1);
        var stopping = Processor(app).StopAsync(CancellationToken.None);
        await Task.Delay(50);
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        app.Probe.Count.Should().Be(1);
        app.Logs.GetSnapshot().Count(record => record.Id.Id == 12).Should().Be(3);
    }

    [Fact]
    public async Task Post_AfterQueueStopped_Answers503()
    {
        await using var app = await StartQueued();
        await Processor(app).StopAsync(CancellationToken.None);

        using var response = await app.PostAsync(WebhookTestApp.CompletedBody("job-late"));

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.Should().NotBeNull();
    }

    private static Task<WebhookTestApp> StartQueued(Action<Dictionary<string, string?>>? configure = null) =>
        WebhookTestApp.StartAsync(options =>
        {
            options.Settings["Webhooks:Mode"] = "Queued";
            options.Settings["Webhooks:QueuedRetryDelay"] = "00:00:00";
            configure?.Invoke(options.Settings);
        });

    private static WebhookQueueProcessor Processor(WebhookTestApp app) =>
        app.App.Services.GetServices<IHostedService>().OfType<WebhookQueueProcessor>().Single();

    private static async Task WaitForLogAsync(WebhookTestApp app, int eventId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!app.Logs.GetSnapshot().Any(record => record.Id.Id == eventId))
        {
            await Task.Delay(10, timeout.Token);
        }
    }
}
