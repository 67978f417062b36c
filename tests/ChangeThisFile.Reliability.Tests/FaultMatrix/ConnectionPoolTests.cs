using ChangeThisFile.Client;
using ChangeThisFile.Reliability.Tests.Infrastructure;

namespace ChangeThisFile.Reliability.Tests.FaultMatrix;

/// <summary>
/// Many failing calls on one client must not grow its connection pool. Error responses leave
/// their connection reusable, broken connections are closed, and no response is left undisposed.
/// The tests cut the pool's idle timeout to 1 s, so every connection must close once the calls
/// end. A connection held by an undisposed response would stay open.
/// </summary>
public sealed class ConnectionPoolTests(RawServerFixture fixture) : IClassFixture<RawServerFixture>
{
    private const int Calls = 20;
    private const int Callers = 4;
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(1);

    // A JSON error body is read inside the attempt, so the retry finds its connection idle. A
    // download's error body is left to the handler, which drains it in the background. A retry
    // that follows at once, as under this fake clock, may then open another connection.
    [Theory]
    [InlineData(ApiCall.Usage, Fault.Status503, true)]
    [InlineData(ApiCall.GetJob, Fault.HtmlGatewayPage, true)]
    [InlineData(ApiCall.RotateKey, Fault.Status503, true)]
    [InlineData(ApiCall.Download, Fault.Status503, false)]
    public async Task ManyErrorResponses_NoConnectionLeaks(ApiCall call, Fault fault, bool reusedAtOnce)
    {
        var (clock, client) = Start(fault);
        await using var disposeClient = client;

        await FailManyTimesAsync(client, clock, call, fault);

        client.Attempts.Count.Should().BeGreaterThanOrEqualTo(Calls);
        if (reusedAtOnce)
        {
            client.Connections.Opened.Should().BeLessThan(Calls, "error responses leave the connection reusable");
        }

        (await client.Connections.SettleAsync(0)).Should().Be(0, "every pooled connection must be idle");
        (await Settle.UntilAtMostAsync(() => fixture.Server.Server.Open, 0)).Should().Be(0);
    }

    [Theory]
    [InlineData(ApiCall.Download, Fault.Truncated)]
    [InlineData(ApiCall.Convert, Fault.ResetInBody)]
    [InlineData(ApiCall.RotateKey, Fault.ResetInHeaders)]
    [InlineData(ApiCall.RotateKey, Fault.Hang)]
    [InlineData(ApiCall.SubmitUrl, Fault.Truncated)]
    public async Task ManyBrokenConnections_AllClosed(ApiCall call, Fault fault)
    {
        var (clock, client) = Start(fault);
        await using var disposeClient = client;

        var mostLive = await FailManyTimesAsync(client, clock, call, fault);

        mostLive.Should().BeLessThanOrEqualTo(MatrixRun.AllAttempts, "a broken connection must be closed at once");
        (await client.Connections.SettleAsync(0)).Should().Be(0, "every pooled connection must be idle");
        (await Settle.UntilAtMostAsync(() => fixture.Server.Server.Open, 0)).Should().Be(0);
    }

    [Fact]
    public async Task ConcurrentFailures_PoolBoundedByCallers()
    {
        var (clock, client) = Start(Fault.Status503);
        await using var disposeClient = client;
        var targets = CallTargets.For(fixture.Server.Api);
        var mostLive = 0;

        var callers = Enumerable.Range(0, Callers).Select(async _ =>
        {
            for (var i = 0; i < Calls / Callers; i++)
            {
                await EmulatorMatrix.RunAsync(client, clock, ApiCall.Usage, targets);
                mostLive = Math.Max(mostLive, client.Connections.Live);
            }
        });
        await Task.WhenAll(callers);

        client.Attempts.Should().HaveCount(Callers * (Calls / Callers) * MatrixRun.AllAttempts);
        mostLive.Should().BeLessThanOrEqualTo(Callers * MatrixRun.AllAttempts);
        (await client.Connections.SettleAsync(0)).Should().Be(0, "every pooled connection must be idle");
    }

    /// <summary>
    /// Makes <see cref="Calls"/> calls that must all fail and returns the most connections live after one.
    /// </summary>
    private async Task<int> FailManyTimesAsync(MatrixClient client, TestClock clock, ApiCall call, Fault fault)
    {
        var targets = CallTargets.For(fixture.Server.Api);
        var mostLive = 0;
        for (var i = 0; i < Calls; i++)
        {
            var (_, error) = await EmulatorMatrix.RunAsync(
                client, clock, call, targets, () => fixture.Server.Server.HangsStarted);
            error.Should().NotBeNull($"call {i} of {call} must fail under {fault}");
            mostLive = Math.Max(mostLive, client.Connections.Live);
        }

        return mostLive;
    }

    private (TestClock Clock, MatrixClient Client) Start(Fault fault)
    {
        var clock = new TestClock();
        var api = fixture.Server.Api;
        api.Clock = clock;
        api.SetFault((_, _, normal) => Faults.Action(fault, normal, clock));
        fixture.Server.Server.ResetCounts();
        return (clock, new MatrixClient(api.BaseAddress, clock, idleTimeout: IdleTimeout));
    }
}

/// <summary>
/// A response whose body stops half-way and never resumes. A small JSON body is read inside the
/// attempt, so the attempt timeout ends the stall and the request is retried. A download is bounded
/// by <see cref="ConversionClientOptions.DownloadTimeout"/>. The content of a synchronous
/// conversion is read by the caller, and only the caller's token bounds that read.
/// </summary>
public sealed class BodyStallTests(RawServerFixture fixture) : IClassFixture<RawServerFixture>
{
    [Fact]
    public async Task GetJob_StalledBody_RetriedAfterAttemptTimeout()
    {
        var (clock, client) = Start();
        await using var disposeClient = client;

        var job = await clock.DriveAsync(
            () => client.Client.GetJobAsync(FakeApi.JobId), () => fixture.Server.Server.HangsStarted);

        job.Status.Should().Be(JobStatus.Completed);
        fixture.Server.Api.Requests.Should().HaveCount(2);
        (fixture.Server.Api.Requests[1].ArrivedAt - fixture.Server.Api.Requests[0].ArrivedAt)
            .Should().BeGreaterThanOrEqualTo(ConversionClientOptions.DefaultAttemptTimeout);
    }

    [Fact]
    public async Task Download_StalledBody_ThrowsDownloadTimeout()
    {
        var (clock, client) = Start();
        await using var disposeClient = client;
        var url = CallTargets.For(fixture.Server.Api).ResultUrl;

        var thrown = await FluentActions
            .Awaiting(() => clock.DriveAsync(
                () => client.Client.DownloadAsync(url, Stream.Null), () => fixture.Server.Server.HangsStarted))
            .Should().ThrowAsync<ConversionTimeoutException>();

        thrown.Which.Kind.Should().Be(ConversionTimeoutKind.Download);
        fixture.Server.Api.Requests.Should().ContainSingle();
        (await Settle.UntilAtMostAsync(() => fixture.Server.Server.Open, 0)).Should().Be(0);
    }

    [Fact]
    public async Task Convert_StalledBody_CallerTokenEndsRead()
    {
        var (_, client) = Start();
        await using var disposeClient = client;
        var request = new ConvertRequest(UploadContent.FromBytes(ApiCalls.Input, "people.csv"), "json");
        var result = await client.Client.ConvertAsync(request);
        using var caller = new CancellationTokenSource();

        var reading = result.Content.CopyToAsync(Stream.Null, caller.Token);
        await Settle.UntilAtMostAsync(() => 1 - fixture.Server.Server.HangsStarted, 0);
        await caller.CancelAsync();
        var thrown = await FluentActions.Awaiting(() => reading).Should().ThrowAsync<OperationCanceledException>();
        await result.DisposeAsync();

        thrown.Which.CancellationToken.Should().Be(caller.Token);
        (await client.Connections.SettleAsync(0)).Should().Be(0);
        (await Settle.UntilAtMostAsync(() => fixture.Server.Server.Open, 0)).Should().Be(0);
    }

    private (TestClock Clock, MatrixClient Client) Start()
    {
        var clock = new TestClock();
        var api = fixture.Server.Api;
        api.Clock = clock;
        api.SetFault((_, number, normal) =>
            number == 1 ? new ServerAction(ServerActionKind.StallInBody, normal) : null);
        fixture.Server.Server.ResetCounts();
        return (clock, new MatrixClient(api.BaseAddress, clock));
    }
}
