using System.Net;
using ChangeThisFile.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Emulator.Tests;

public sealed class FaultTests
{
    private static readonly byte[] Csv = "a\n1\n"u8.ToArray();

    [Fact]
    public async Task FailNextRequests_AnswersServiceUnavailableThenRecovers()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        emulator.Faults.FailNextRequests(2);
        using var api = EmulatorApi.For(emulator);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await api.Http.GetAsync("/v1/usage");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.BadGateway)
            {
                (await EmulatorApi.ErrorAsync(response)).Code.Should().Be("service_unavailable");
            }
        }

        statuses.Should().Equal(HttpStatusCode.BadGateway, HttpStatusCode.BadGateway, HttpStatusCode.OK);
        emulator.Faults.Injected.ServerErrors.Should().Be(2);
    }

    [Fact]
    public async Task ServerErrorStatusCode_SetsInjectedStatus()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        emulator.Faults.ServerErrorStatusCode = 503;
        emulator.Faults.FailNextRequests(1);
        using var api = EmulatorApi.For(emulator);

        using var response = await api.SubmitAsync(Csv, "a.csv", "json");

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        emulator.Jobs.Count.Should().Be(0);
    }

    [Fact]
    public async Task DropNextConnections_AbortsBeforeHandling()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        emulator.Faults.DropNextConnections(1);
        using var api = EmulatorApi.For(emulator);

        var act = () => api.SubmitAsync(Csv, "a.csv", "json");

        await act.Should().ThrowAsync<HttpRequestException>();
        emulator.Jobs.Count.Should().Be(0);
        using var next = await api.Http.GetAsync("/v1/usage");
        next.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DropNextResponses_RetryReplaysJob()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        emulator.Faults.DropNextResponses(1);
        using var api = EmulatorApi.For(emulator);

        var lost = () => api.PostAsync("/v1/jobs", EmulatorApi.Form(Csv, "a.csv", ("target", "json")), "retry-key");
        await lost.Should().ThrowAsync<HttpRequestException>();
        using var retried = await lost();

        retried.StatusCode.Should().Be(HttpStatusCode.Accepted);
        retried.Headers.Contains("Idempotent-Replayed").Should().BeTrue();
        emulator.Jobs.Count.Should().Be(1);
        emulator.Faults.Injected.ResponsesDropped.Should().Be(1);
    }

    [Fact]
    public async Task Latency_DelaysRequestsByEmulatorClock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            TimeProvider = clock,
        });
        emulator.Faults.Latency = TimeSpan.FromSeconds(2);
        using var api = EmulatorApi.For(emulator);

        var request = api.Http.GetAsync("/v1/usage");
        var advanced = TimeSpan.Zero;
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!request.IsCompleted)
        {
            await Task.Delay(20, guard.Token);
            clock.Advance(TimeSpan.FromMilliseconds(250));
            advanced += TimeSpan.FromMilliseconds(250);
        }

        using var response = await request;
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        advanced.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task Seed_SameSeedAndRate_GivesSameOutcomes()
    {
        var first = await OutcomesAsync(seed: 42);
        var second = await OutcomesAsync(seed: 42);

        second.Should().Equal(first);
        first.Should().Contain(HttpStatusCode.OK).And.Contain(HttpStatusCode.BadGateway);
    }

    [Fact]
    public async Task StallNextJobs_LeavesJobProcessing()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        emulator.Faults.StallNextJobs(1);
        using var api = EmulatorApi.For(emulator);

        var stalled = await api.SubmitJobAsync(Csv, "a.csv", "json");
        await emulator.Jobs.WaitForStatusAsync(stalled, "processing");
        var normal = await api.SubmitJobAsync(Csv, "b.csv", "json");
        await emulator.Jobs.WaitForTerminalAsync(normal);

        (await api.GetJobAsync(stalled)).GetProperty("status").GetString().Should().Be("processing");
        emulator.Faults.Injected.JobsStalled.Should().Be(1);
    }

    [Fact]
    public async Task Reset_TurnsFaultsOff()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        emulator.Faults.ServerErrorRate = 1;
        emulator.Faults.FailNextRequests(3);
        emulator.Faults.Reset();
        using var api = EmulatorApi.For(emulator);

        using var response = await api.Http.GetAsync("/v1/usage");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Options_Faults_AreCopiedIntoEachEmulator()
    {
        var options = new ConversionEmulatorOptions();
        options.Faults.ServerErrorRate = 1;
        await using var emulator = await ConversionEmulator.StartAsync(options);
        options.Faults.ServerErrorRate = 0;
        using var api = EmulatorApi.For(emulator);

        using var response = await api.Http.GetAsync("/v1/usage");

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        emulator.Faults.Should().NotBeSameAs(options.Faults);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Rate_OutOfRange_Throws(double rate)
    {
        var faults = new EmulatorFaults();

        var act = () => faults.DropConnectionRate = rate;

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*share from 0 to 1*");
    }

    private static async Task<List<HttpStatusCode>> OutcomesAsync(int seed)
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        emulator.Faults.Seed = seed;
        emulator.Faults.ServerErrorRate = 0.5;
        using var api = EmulatorApi.For(emulator);
        var outcomes = new List<HttpStatusCode>();
        for (var i = 0; i < 16; i++)
        {
            using var response = await api.Http.GetAsync("/v1/usage");
            outcomes.Add(response.StatusCode);
        }

        return outcomes;
    }
}
