using System.Net;
using System.Text;
using ChangeThisFile.Client.AspNetCore.Tests.Infrastructure;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.AspNetCore.Tests.Webhooks;

/// <summary>Retried deliveries in inline mode: handled once, failures handled again, tests never suppressed.</summary>
public sealed class DeduplicationTests
{
    [Fact]
    public async Task Post_SameEventTwice_HandledOnceAndBothAcknowledged()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var body = WebhookTestApp.CompletedBody("job-dup");

        using var first = await app.PostAsync(body);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        using var retry = await app.PostAsync(body);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        retry.StatusCode.Should().Be(HttpStatusCode.OK);
        (await retry.Content.ReadAsStringAsync()).Should().Contain("\"duplicate\":true");
        app.Probe.Count.Should().Be(1);
    }

    [Fact]
    public async Task Post_HandlerFails_Answers500ThenRetryIsHandled()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var body = WebhookTestApp.CompletedBody("job-flaky");
        var attempts = 0;
        app.Probe.Behavior = (_, _) => Interlocked.Increment(ref attempts) == 1
            ? throw new InvalidOperationException("storage unavailable")
            : Task.CompletedTask;

        using var failed = await app.PostAsync(body);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        using var retried = await app.PostAsync(body);
        using var duplicate = await app.PostAsync(body);

        failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        retried.StatusCode.Should().Be(HttpStatusCode.OK);
        duplicate.StatusCode.Should().Be(HttpStatusCode.OK);
        attempts.Should().Be(2);
        (await failed.Content.ReadAsStringAsync()).Should().NotContain("storage unavailable");
        app.Logs.GetSnapshot().Should().Contain(record => record.Id.Id == 7 && record.Exception != null);
    }

    [Fact]
    public async Task Post_DuplicateWhileFirstInFlight_Answers409WithRetryAfter()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Probe.Behavior = (_, _) => gate.Task;
        var body = WebhookTestApp.CompletedBody("job-slow");

        var first = app.PostAsync(body);
        await app.Probe.WaitForCallsAsync(1);
        using var concurrent = await app.PostAsync(body);
        gate.SetResult();
        using var firstResponse = await first;

        concurrent.StatusCode.Should().Be(HttpStatusCode.Conflict);
        concurrent.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(30));
        firstResponse.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Probe.Count.Should().Be(1);
    }

    [Fact]
    public async Task Post_CompletedAndFailedForSameJob_BothHandled()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var failed = Encoding.UTF8.GetBytes(
            "{\"event\":\"job.failed\",\"data\":{\"job_id\":\"job-1\",\"status\":\"failed\"}}");

        using var first = await app.PostAsync(WebhookTestApp.CompletedBody("job-1"));
        using var second = await app.PostAsync(failed);

        app.Probe.Calls.Select(call => call.Method).Should().Equal("OnJobCompletedAsync", "OnJobFailedAsync");
    }

    [Fact]
    public async Task Post_TestEventTwice_HandledTwice()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var body = Encoding.UTF8.GetBytes("{\"event\":\"webhook.test\",\"data\":{}}");

        using var first = await app.PostAsync(body);
        using var second = await app.PostAsync(body);

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Probe.Calls.Select(call => call.Method).Should().Equal("OnTestAsync", "OnTestAsync");
    }

    [Fact]
    public async Task Post_AfterDeduplicationWindow_HandledAgain()
    {
        await using var app = await WebhookTestApp.StartAsync(options =>
            options.Settings["Webhooks:DeduplicationWindow"] = "01:00:00");
        var body = WebhookTestApp.CompletedBody("job-late");

        using var first = await app.PostAsync(body);
        app.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        using var late = await app.PostAsync(body);

        late.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Probe.Count.Should().Be(2);
    }

    [Fact]
    public async Task Post_DeduplicationTurnedOff_HandledEveryTime()
    {
        await using var app = await WebhookTestApp.StartAsync(options =>
            options.Settings["Webhooks:DeduplicationWindow"] = "00:00:00");
        var body = WebhookTestApp.CompletedBody("job-each");

        using var first = await app.PostAsync(body);
        using var second = await app.PostAsync(body);

        app.Probe.Count.Should().Be(2);
    }

    [Fact]
    public async Task Post_LegacyBodiesWithoutJobId_DeduplicatedOnBody()
    {
        await using var app = await WebhookTestApp.StartAsync(options =>
            options.Settings["Webhooks:AllowLegacySignatures"] = "true");
        var body = Encoding.UTF8.GetBytes(
            "{\"state\":\"failed\",\"error\":{\"code\":\"conversion_failed\"},\"metadata\":{\"file_id\":\"f-9\"}}");
        var header = WebhookSigner.CreateLegacySignatureHeader(WebhookTestApp.Secret, body);

        using var first = await app.PostAsync(body, header);
        using var second = await app.PostAsync(body, header);

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Probe.Calls.Single().Event.GetMetadataString("file_id").Should().Be("f-9");
    }
}
