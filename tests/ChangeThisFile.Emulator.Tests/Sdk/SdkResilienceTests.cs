using System.Net;
using ChangeThisFile.Client;
using ChangeThisFile.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Emulator.Tests.Sdk;

/// <summary>
/// Idempotency, rate limits and injected faults, seen through the SDK: what its retries recover,
/// what they refuse to repeat, and that no retry creates a second job or charge.
/// </summary>
public sealed class SdkResilienceTests
{
    private static readonly byte[] Csv = TableData.Input("csv", TableData.Rows);

    // Ten seconds before a clock minute, so the emulator's per-minute window sends Retry-After: 10.
    private static readonly DateTimeOffset BeforeMinute = new(2026, 3, 1, 9, 59, 50, TimeSpan.Zero);

    [Fact]
    public async Task Submit_SameIdempotencyKey_ReplaysSameJob()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        await using var sdk = SdkClient.For(emulator);

        var first = await sdk.Client.SubmitJobAsync(Upload("order-1001"));
        var second = await sdk.Client.SubmitJobAsync(Upload("order-1001"));

        second.JobId.Should().Be(first.JobId);
        second.IdempotencyKey.Should().Be("order-1001");
        emulator.Jobs.Count.Should().Be(1);
        emulator.Jobs.List().Single().IdempotencyKey.Should().Be("order-1001");
    }

    [Fact]
    public async Task Submit_SameKeyOtherBody_ThrowsUnprocessable()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        await using var sdk = SdkClient.For(emulator);
        await sdk.Client.SubmitJobAsync(Upload("order-1002"));
        var other = new JobUploadRequest(UploadContent.FromBytes("x\n1\n"u8.ToArray(), "other.csv"), "json")
        {
            IdempotencyKey = "order-1002",
        };

        var thrown = await sdk.Client.Invoking(client => client.SubmitJobAsync(other))
            .Should().ThrowAsync<ConversionApiException>();

        thrown.Which.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        thrown.Which.ErrorCode.Should().Be(ConversionErrorCode.BadRequest);
        thrown.Which.IsTransient.Should().BeFalse();
        emulator.Jobs.Count.Should().Be(1);
    }

    [Theory]
    [InlineData("upload")]
    [InlineData("url")]
    public async Task Submit_ResponseLost_RetryReturnsTheOneJob(string kind)
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        await using var files = await SdkWebhookReceiver.StartAsync(emulator.WebhookSecret);
        await using var sdk = SdkClient.For(emulator);
        emulator.Faults.DropNextResponses(1);

        var handle = kind == "upload"
            ? await sdk.Client.SubmitJobAsync(Upload(null))
            : await sdk.Client.SubmitJobFromUrlAsync(new JobUrlRequest(files.ServeFile("p.csv", Csv), "json"));

        var job = emulator.Jobs.List().Should().ContainSingle().Subject;
        job.JobId.Should().Be(handle.JobId);
        job.IdempotencyKey.Should().Be(handle.IdempotencyKey);
        emulator.Faults.Injected.ResponsesDropped.Should().Be(1);
        RetryReasons(sdk).Should().ContainSingle();
    }

    [Fact]
    public async Task Convert_ResponseLost_RetryIsChargedOnce()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        await using var sdk = SdkClient.For(emulator);
        var before = (await sdk.Client.GetUsageAsync()).ConversionsUsed;
        emulator.Faults.DropNextResponses(1);

        await using (var result = await sdk.Client.ConvertAsync(new ConvertRequest(Content(), "json")))
        {
            using var output = new MemoryStream();
            await result.Content.CopyToAsync(output);
            TableData.Parse("json", output.ToArray()).Should().HaveCount(TableData.Rows.Length);
        }

        (await sdk.Client.GetUsageAsync()).ConversionsUsed.Should().Be(before + 1);
        emulator.Faults.Injected.ResponsesDropped.Should().Be(1);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task Submit_ServerErrors_AreRetriedToSuccess(int status)
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        await using var sdk = SdkClient.For(emulator);
        emulator.Faults.ServerErrorStatusCode = status;
        emulator.Faults.FailNextRequests(2);

        var handle = await sdk.Client.SubmitJobAsync(Upload(null));

        emulator.Jobs.List().Should().ContainSingle().Which.JobId.Should().Be(handle.JobId);
        emulator.Faults.Injected.ServerErrors.Should().Be(2);
        RetryReasons(sdk).Should().Equal($"http_{status}", $"http_{status}");
    }

    [Fact]
    public async Task Submit_DroppedConnections_AreRetriedToSuccess()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        await using var sdk = SdkClient.For(emulator);
        emulator.Faults.DropNextConnections(2);

        var handle = await sdk.Client.SubmitJobAsync(Upload(null));

        emulator.Jobs.List().Should().ContainSingle().Which.JobId.Should().Be(handle.JobId);
        emulator.Faults.Injected.ConnectionsDropped.Should().Be(2);
        RetryReasons(sdk).Should().HaveCount(2);
    }

    [Fact]
    public async Task WaitForCompletion_PollErrors_StillCompletes()
    {
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            JobProcessingDelay = TimeSpan.FromMilliseconds(200),
        });
        await using var sdk = SdkClient.For(emulator, options => options.MaxRetryAttempts = 1);
        var handle = await sdk.Client.SubmitJobAsync(Upload(null));
        emulator.Faults.FailNextRequests(3);

        var job = await sdk.Client.WaitForCompletionAsync(handle.JobId, SdkEndpointTests.FastPolling());

        job.Status.Should().Be(JobStatus.Completed);
        emulator.Faults.Injected.ServerErrors.Should().Be(3);
    }

    [Fact]
    public async Task RotateSecret_DroppedConnection_IsNotRepeated()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        await using var sdk = SdkClient.For(emulator);
        var secret = emulator.WebhookSecret;
        emulator.Faults.DropNextConnections(1);

        await sdk.Client.Invoking(client => client.RotateWebhookSecretAsync())
            .Should().ThrowAsync<HttpRequestException>();

        emulator.WebhookSecret.Should().Be(secret);
        RetryReasons(sdk).Should().BeEmpty();
        sdk.Logs.Records.Should().Contain(
            record => record.EventId.Id == 11 && record.Message.Contains("not idempotent"));
    }

    [Fact]
    public async Task RateLimited_CarriesRetryAfter()
    {
        var clock = new FakeTimeProvider(BeforeMinute);
        await using var emulator = await StartRateLimitedAsync(clock);
        await using var sdk = SdkClient.For(emulator, options => options.MaxRetryAttempts = 0, clock);
        await sdk.Client.GetUsageAsync();

        var thrown = await sdk.Client.Invoking(client => client.GetUsageAsync())
            .Should().ThrowAsync<ConversionApiException>();

        thrown.Which.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        thrown.Which.ErrorCode.Should().Be(ConversionErrorCode.RateLimited);
        thrown.Which.RetryAfter.Should().Be(TimeSpan.FromSeconds(10));
        thrown.Which.RateLimit!.Remaining.Should().Be(0);
        thrown.Which.RateLimit.ResetsAt.Should().Be(BeforeMinute.AddSeconds(10));
        thrown.Which.IsTransient.Should().BeTrue();
    }

    [Fact]
    public async Task RateLimited_RetryWaitsRetryAfterThenSucceeds()
    {
        var clock = new FakeTimeProvider(BeforeMinute);
        await using var emulator = await StartRateLimitedAsync(clock);
        await using var sdk = SdkClient.For(emulator, NoClientTimeouts, clock);
        await sdk.Client.GetUsageAsync();

        var usage = await DriveAsync(clock, sdk.Client.GetUsageAsync());

        usage.Plan.Should().Be("free");
        clock.GetUtcNow().Should().BeOnOrAfter(BeforeMinute.AddSeconds(10));
        var retry = sdk.Logs.Records.Should().ContainSingle(record => record.EventId.Id == 10).Subject;
        retry.Message.Should().Contain("http_429").And.Contain("in 00:00:10");
    }

    [Fact]
    public async Task RateLimited_OverCap_NotRetried()
    {
        var clock = new FakeTimeProvider(BeforeMinute);
        await using var emulator = await StartRateLimitedAsync(clock);
        await using var sdk = SdkClient.For(
            emulator, options => options.MaxRetryAfter = TimeSpan.FromSeconds(5), clock);
        await sdk.Client.GetUsageAsync();

        var thrown = await sdk.Client.Invoking(client => client.GetUsageAsync())
            .Should().ThrowAsync<ConversionApiException>();

        thrown.Which.RetryAfter.Should().Be(TimeSpan.FromSeconds(10));
        clock.GetUtcNow().Should().Be(BeforeMinute);
        sdk.Logs.Records.Should().NotContain(record => record.EventId.Id == 10);
        sdk.Logs.Records.Should().Contain(
            record => record.EventId.Id == 11 && record.Message.Contains("MaxRetryAfter"));
    }

    private static Task<ConversionEmulator> StartRateLimitedAsync(FakeTimeProvider clock) =>
        ConversionEmulator.StartAsync(new ConversionEmulatorOptions { RateLimitPerMinute = 1, TimeProvider = clock });

    // The fake clock is moved in steps while the call runs, so client timeouts are turned off.
    private static void NoClientTimeouts(ConversionClientOptions options)
    {
        options.AttemptTimeout = Timeout.InfiniteTimeSpan;
        options.TotalTimeout = Timeout.InfiniteTimeSpan;
    }

    /// <summary>
    /// Moves the fake clock a second at a time until the call completes. Real time only guards a hang.
    /// </summary>
    private static async Task<T> DriveAsync<T>(FakeTimeProvider clock, Task<T> call)
    {
        for (var step = 0; step < 120 && !call.IsCompleted; step++)
        {
            await Task.WhenAny(call, Task.Delay(10));
            if (!call.IsCompleted)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return await call;
    }

    private static List<string> RetryReasons(SdkClient sdk) =>
    [
        .. sdk.Logs.Records
            .Where(record => record.EventId.Id == 10)
            .Select(record => record.Message.Split(" after ")[1].Split(',')[0]),
    ];

    private static UploadContent Content() => UploadContent.FromBytes(Csv, "people.csv");

    private static JobUploadRequest Upload(string? idempotencyKey) => new(Content(), "json")
    {
        IdempotencyKey = idempotencyKey,
    };
}
