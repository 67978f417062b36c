using System.Text;
using ChangeThisFile.Client.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Client.Tests.Cases;

/// <summary>
/// Each limit applies at its own layer: a per-attempt timeout inside the retry, a total timeout
/// around it, transfer timeouts for long bodies, and the caller's cancellation apart from all of them.
/// </summary>
public sealed class TimeoutLayersTests
{
    private const string JobId = "job-1";
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task HangingAttempts_AreRetriedUntilOneAnswers()
    {
        var attempts = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            if (Interlocked.Increment(ref attempts) <= 2)
            {
                await HangAsync(context);
                return;
            }

            await WriteJobAsync(context);
        });
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(server.Url, options =>
        {
            options.AttemptTimeout = TimeSpan.FromSeconds(10);
            options.TotalTimeout = TimeSpan.FromMinutes(5);
        }, time);

        var job = await time.RunAsync(harness.Client.GetJobAsync(JobId), Step);

        job.JobId.Should().Be(JobId);
        attempts.Should().Be(3);
        harness.Logs.GetSnapshot().Where(record => record.Id.Id == 10).Select(record => record.Message)
            .Should().HaveCount(2).And.AllSatisfy(message => message.Should().Contain("attempt_timeout"));
    }

    [Fact]
    public async Task EveryAttemptHanging_ThrowsAttemptTimeout()
    {
        await using var server = await LoopbackServer.StartAsync(HangAsync);
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(server.Url, options =>
        {
            options.AttemptTimeout = TimeSpan.FromSeconds(10);
            options.MaxRetryAttempts = 1;
        }, time);

        var thrown = await time.Invoking(t => t.RunAsync(harness.Client.GetJobAsync(JobId), Step))
            .Should().ThrowAsync<ConversionTimeoutException>();

        thrown.Which.Kind.Should().Be(ConversionTimeoutKind.Attempt);
        thrown.Which.Timeout.Should().Be(TimeSpan.FromSeconds(10));
        thrown.Which.Message.Should().Contain("AttemptTimeout").And.Contain("00:00:10");
        harness.Hosts.Should().HaveCount(2);
    }

    [Fact]
    public async Task TotalTimeout_EndsRetriesAndWaits()
    {
        await using var server = await LoopbackServer.StartAsync(HangAsync);
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(server.Url, options =>
        {
            options.AttemptTimeout = TimeSpan.FromSeconds(10);
            options.TotalTimeout = TimeSpan.FromSeconds(25);
            options.MaxRetryAttempts = 10;
        }, time);

        var thrown = await time.Invoking(t => t.RunAsync(harness.Client.GetJobAsync(JobId), Step))
            .Should().ThrowAsync<ConversionTimeoutException>();

        thrown.Which.Kind.Should().Be(ConversionTimeoutKind.Total);
        thrown.Which.Timeout.Should().Be(TimeSpan.FromSeconds(25));
        thrown.Which.Message.Should().Contain("TotalTimeout");
        harness.Hosts.Should().HaveCountGreaterThanOrEqualTo(2, "attempts are retried until the total timeout");
    }

    [Fact]
    public async Task LateAttempt_EndsAtTotalDeadline()
    {
        await using var server = await LoopbackServer.StartAsync(HangAsync);
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(server.Url, options =>
        {
            options.AttemptTimeout = TimeSpan.FromSeconds(10);
            options.TotalTimeout = TimeSpan.FromSeconds(15);
            options.RetryBaseDelay = TimeSpan.FromSeconds(1);
            options.MaxRetryDelay = TimeSpan.FromSeconds(1);
            options.MaxRetryAttempts = 10;
        }, time);

        var thrown = await time.Invoking(t => t.RunAsync(harness.Client.GetJobAsync(JobId), Step))
            .Should().ThrowAsync<ConversionTimeoutException>();

        thrown.Which.Kind.Should().Be(ConversionTimeoutKind.Total);
        thrown.Which.Timeout.Should().Be(TimeSpan.FromSeconds(15));
        harness.Hosts.Should().HaveCount(2, "the second attempt starts before the deadline and nothing starts after it");
        time.GetUtcNow().Should().BeBefore(
            ClientHarness.Epoch + TimeSpan.FromSeconds(17), "the second attempt ends at the total deadline, not 10 s after it began");
    }

    [Fact]
    public async Task RetryAfterPastDeadline_ReturnsServerError()
    {
        var attempts = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref attempts);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "20";
            await context.Response.WriteAsync("""{"error":{"code":"unavailable","message":"busy"}}""");
        });
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(server.Url, options =>
        {
            options.TotalTimeout = TimeSpan.FromSeconds(30);
            options.MaxRetryAfter = TimeSpan.FromMinutes(1);
            options.MaxRetryAttempts = 10;
        }, time);

        var thrown = await time.Invoking(t => t.RunAsync(harness.Client.GetJobAsync(JobId), Step))
            .Should().ThrowAsync<ConversionApiException>();

        thrown.Which.StatusCode.Should().Be(System.Net.HttpStatusCode.ServiceUnavailable);
        attempts.Should().Be(2, "the first wait of 20 s fits in 30 s, the second would not");
    }

    [Fact]
    public async Task NamedClientRequest_TotalTimeoutEndsRetries()
    {
        await using var server = await LoopbackServer.StartAsync(HangAsync);
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(server.Url, options =>
        {
            options.AttemptTimeout = TimeSpan.FromSeconds(10);
            options.TotalTimeout = TimeSpan.FromSeconds(25);
            options.MaxRetryAttempts = 10;
        }, time);
        var http = harness.Services.GetRequiredService<IHttpClientFactory>().CreateClient("ChangeThisFile.Client");

        var thrown = await time.Invoking(t => t.RunAsync(http.GetAsync(new Uri(server.Url, "v1/usage")), Step))
            .Should().ThrowAsync<ConversionTimeoutException>();

        thrown.Which.Kind.Should().Be(ConversionTimeoutKind.Total);
        time.GetUtcNow().Should().BeBefore(ClientHarness.Epoch + TimeSpan.FromSeconds(27));
    }

    [Fact]
    public async Task CallerCancellation_IsNotRetriedAndKeepsToken()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            arrived.TrySetResult();
            return HangAsync(context);
        });
        using var harness = new ClientHarness(server.Url);
        using var cancellation = new CancellationTokenSource();
        var call = harness.Client.GetJobAsync(JobId, cancellation.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await cancellation.CancelAsync();
        var thrown = await call.Invoking(task => task).Should().ThrowAsync<OperationCanceledException>();

        thrown.Which.CancellationToken.Should().Be(cancellation.Token);
        thrown.Which.Should().NotBeAssignableTo<TimeoutException>();
        harness.Hosts.Should().HaveCount(1);
        harness.Logs.GetSnapshot().Should().NotContain(record => record.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task LongDownload_OutlastsAttemptAndTotalTimeouts()
    {
        // A body paced over about 1.5 s, with attempt and total timeouts of 0.5 s and 1 s: only
        // the download timeout bounds the transfer (the same shape as a download longer than
        // HttpClient's 100 s default, scaled down).
        const int Chunks = 15;
        const int ChunkSize = 16 * 1024;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentLength = Chunks * ChunkSize;
            for (var i = 0; i < Chunks; i++)
            {
                await context.Response.Body.WriteAsync(new byte[ChunkSize].AsMemory(), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(100, context.RequestAborted);
            }
        });
        using var harness = new ClientHarness(server.Url, options =>
        {
            options.AttemptTimeout = TimeSpan.FromSeconds(0.5);
            options.TotalTimeout = TimeSpan.FromSeconds(1);
            options.DownloadTimeout = TimeSpan.FromMinutes(1);
        });
        using var destination = new MemoryStream();

        var result = await harness.Client.DownloadAsync(new Uri(server.Url, "v1/jobs/download/slow"), destination);

        result.BytesWritten.Should().Be(Chunks * ChunkSize);
        destination.Length.Should().Be(Chunks * ChunkSize);
    }

    [Fact]
    public void HttpClientTimeout_IsInfinite()
    {
        using var harness = new ClientHarness(new Uri("http://127.0.0.1:9/"));
        var factory = harness.Services.GetRequiredService<IHttpClientFactory>();

        var httpClient = factory.CreateClient("ChangeThisFile.Client");

        httpClient.Timeout.Should().Be(Timeout.InfiniteTimeSpan);
    }

    [Fact]
    public async Task StalledDownload_ThrowsDownloadTimeout()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentLength = 1000;
            await context.Response.Body.WriteAsync(new byte[10].AsMemory(), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await HangAsync(context);
        });
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(
            server.Url, options => options.DownloadTimeout = TimeSpan.FromSeconds(20), time);

        var download = harness.Client.DownloadAsync(new Uri(server.Url, "v1/jobs/download/stalled"), Stream.Null);
        var thrown = await time.Invoking(t => t.RunAsync(download, Step))
            .Should().ThrowAsync<ConversionTimeoutException>();

        thrown.Which.Kind.Should().Be(ConversionTimeoutKind.Download);
        thrown.Which.Message.Should().Contain("DownloadTimeout");
    }

    [Fact]
    public async Task StalledConvertBody_AsyncRead_ThrowsDownloadTimeout()
    {
        await using var server = await LoopbackServer.StartAsync(StallAfterTenBytesAsync);
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(
            server.Url, options => options.DownloadTimeout = TimeSpan.FromSeconds(20), time);
        await using var result = await harness.Client.ConvertAsync(new MemoryStream(new byte[5]), "a.png", "webp");

        var copy = result.Content.CopyToAsync(Stream.Null);
        var thrown = await time.Invoking(t => t.RunAsync(copy, Step))
            .Should().ThrowAsync<ConversionTimeoutException>();

        thrown.Which.Kind.Should().Be(ConversionTimeoutKind.Download);
        thrown.Which.Timeout.Should().Be(TimeSpan.FromSeconds(20));
        thrown.Which.Message.Should().Contain("DownloadTimeout");
    }

    [Fact]
    public async Task StalledConvertBody_SyncRead_ThrowsDownloadTimeout()
    {
        await using var server = await LoopbackServer.StartAsync(StallAfterTenBytesAsync);
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(
            server.Url, options => options.DownloadTimeout = TimeSpan.FromSeconds(20), time);
        await using var result = await harness.Client.ConvertAsync(new MemoryStream(new byte[5]), "a.png", "webp");

        var copy = Task.Run(() => result.Content.CopyTo(Stream.Null));
        var thrown = await time.Invoking(t => t.RunAsync(copy, Step))
            .Should().ThrowAsync<ConversionTimeoutException>();

        thrown.Which.Kind.Should().Be(ConversionTimeoutKind.Download);
    }

    [Fact]
    public async Task StalledConvertBody_CallerCancels_ThrowsCallersCancellation()
    {
        await using var server = await LoopbackServer.StartAsync(StallAfterTenBytesAsync);
        using var harness = new ClientHarness(
            server.Url, options => options.DownloadTimeout = TimeSpan.FromMinutes(5));
        await using var result = await harness.Client.ConvertAsync(new MemoryStream(new byte[5]), "a.png", "webp");
        using var cancel = new CancellationTokenSource();
        var buffer = new byte[100];
        var first = await result.Content.ReadAsync(buffer, cancel.Token);

        var second = result.Content.ReadAsync(buffer, cancel.Token).AsTask();
        await cancel.CancelAsync();
        var thrown = await second.Invoking(t => t.WaitAsync(TimeSpan.FromSeconds(30)))
            .Should().ThrowAsync<OperationCanceledException>();

        first.Should().Be(10);
        thrown.Which.Should().NotBeOfType<ConversionTimeoutException>();
        thrown.Which.CancellationToken.Should().Be(cancel.Token);
    }

    [Fact]
    public async Task ConvertBody_ReadBeforeDeadline_ArrivesWhole()
    {
        var payload = Enumerable.Range(0, 70_000).Select(i => (byte)(i % 251)).ToArray();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "image/webp";
            context.Response.ContentLength = payload.Length;
            await context.Response.Body.WriteAsync(payload, context.RequestAborted);
        });
        using var harness = new ClientHarness(
            server.Url, options => options.DownloadTimeout = TimeSpan.FromMinutes(5));
        await using var result = await harness.Client.ConvertAsync(new MemoryStream(new byte[5]), "a.png", "webp");

        using var copy = new MemoryStream();
        await result.Content.CopyToAsync(copy);

        copy.ToArray().Should().Equal(payload);
        result.Content.CanSeek.Should().BeFalse();
    }

    [Fact]
    public async Task Upload_UsesUploadTimeout()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            arrived.TrySetResult();
            await release.Task.WaitAsync(context.RequestAborted);
            context.Response.StatusCode = 202;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(Examples.Read("job-created.json"), context.RequestAborted);
        });
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(server.Url, options =>
        {
            options.AttemptTimeout = TimeSpan.FromSeconds(1);
            options.TotalTimeout = TimeSpan.FromSeconds(2);
            options.UploadTimeout = TimeSpan.FromMinutes(10);
        }, time);
        var upload = harness.Client.SubmitJobAsync(new MemoryStream(new byte[1000]), "a.png", "webp");
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        time.Advance(TimeSpan.FromMinutes(5));
        release.SetResult();
        var handle = await upload.WaitAsync(TimeSpan.FromSeconds(30));

        handle.JobId.Should().NotBeEmpty();
        harness.Hosts.Should().HaveCount(1);
    }

    private static async Task StallAfterTenBytesAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        context.Response.ContentType = "image/webp";
        context.Response.ContentLength = 1000;
        await context.Response.Body.WriteAsync(new byte[10].AsMemory(), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        await HangAsync(context);
    }

    private static async Task HangAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up on the attempt, which is what the test waits for.
        }
    }

    private static Task WriteJobAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        var body = Responses.JobJson(JobId, "processing");
        return context.Response.WriteAsync(body, Encoding.UTF8, context.RequestAborted);
    }
}
