using ChangeThisFile.Client.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;

namespace ChangeThisFile.Client.Tests.Cases;

/// <summary>
/// A status value the client does not know is kept with its raw text and is not terminal, so a
/// wait keeps polling instead of throwing or treating the job as failed.
/// </summary>
public sealed class UnknownStatusTests : IDisposable
{
    private const string JobId = "job-1";
    private readonly ApiServer _api = new();

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Wait_KeepsPollingThroughUnknownStatus()
    {
        _api.ServeSequence(
            Request.Create().WithPath($"/v1/jobs/{JobId}").UsingGet(),
            Responses.Json(200, Responses.JobJson(JobId, "queued")),
            Responses.Json(200, Responses.JobJson(JobId, "finalizing")),
            Responses.Json(200, Responses.JobJson(JobId, "completed")));
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(_api.Url, time: time);
        var seen = new RecordingProgress<ConversionJob>();

        var wait = harness.Client.WaitForCompletionAsync(JobId, new JobWaitOptions { Progress = seen });
        var job = await time.RunAsync(wait, TimeSpan.FromMilliseconds(250));

        job.Status.Should().Be(JobStatus.Completed);
        seen.Values.Select(value => value.Status.Value).Should().Equal("queued", "finalizing", "completed");
        var finalizing = seen.Values[1].Status;
        finalizing.IsKnown.Should().BeFalse();
        finalizing.IsTerminal.Should().BeFalse();
        _api.Requests.Should().HaveCount(3);
    }

    [Theory]
    [InlineData("""{"job_id":"job-1","status":null}""", "", false)]
    [InlineData("""{"job_id":"job-1"}""", "", false)]
    [InlineData("""{"job_id":"job-1","status":"COMPLETED"}""", "COMPLETED", true)]
    [InlineData("""{"job_id":"job-1","status":"Failed"}""", "Failed", true)]
    [InlineData("""{"job_id":"job-1","status":3}""", "3", false)]
    [InlineData("""{"job_id":"job-1","status":true}""", "true", false)]
    [InlineData("""{"job_id":"job-1","status":{"phase":"x"}}""", """{"phase":"x"}""", false)]
    [InlineData("""{"job_id":"job-1","status":"finalizing"}""", "finalizing", false)]
    public async Task OddStatus_IsKeptWithoutThrowing(string body, string raw, bool terminal)
    {
        _api.Server.Given(Request.Create().WithPath($"/v1/jobs/{JobId}").UsingGet())
            .RespondWith(Responses.Json(200, body));
        using var harness = new ClientHarness(_api.Url);

        var job = await harness.Client.GetJobAsync(JobId);

        job.Status.Value.Should().Be(raw);
        job.Status.IsTerminal.Should().Be(terminal);
    }

    [Fact]
    public async Task UnknownProperty_IsKept()
    {
        _api.Server.Given(Request.Create().WithPath($"/v1/jobs/{JobId}").UsingGet()).RespondWith(Responses.Json(200,
            """
            {"job_id":"job-1","status":"processing","progress":{"percent":40},"created_at":"not a date",
             "result":{"file_url":"u","pages":3}}
            """));
        using var harness = new ClientHarness(_api.Url);

        var job = await harness.Client.GetJobAsync(JobId);

        job.AdditionalProperties!["progress"].GetProperty("percent").GetInt32().Should().Be(40);
        job.Result!.AdditionalProperties!["pages"].GetInt32().Should().Be(3);
        job.CreatedAt.Should().BeNull();
    }

    [Theory]
    [InlineData("""{"duration_ms":1.5,"size":"12"}""", 12L, 2L)]
    [InlineData("""{"duration_ms":"640","size":18342.0}""", 18342L, 640L)]
    [InlineData("""{"duration_ms":true,"size":1e300}""", null, null)]
    public async Task OddResultNumbers_AreReadWithoutThrowing(string result, long? size, long? duration)
    {
        _api.Server.Given(Request.Create().WithPath($"/v1/jobs/{JobId}").UsingGet())
            .RespondWith(Responses.Json(200, $$"""{"job_id":"job-1","status":"completed","result":{{result}}}"""));
        using var harness = new ClientHarness(_api.Url);

        var job = await harness.Client.GetJobAsync(JobId);

        job.Result!.Size.Should().Be(size);
        job.Result.DurationMilliseconds.Should().Be(duration);
    }

    [Theory]
    [InlineData("\"x\"")]
    [InlineData("[1,2]")]
    [InlineData("42")]
    public async Task NonObjectResultAndError_AreReadAsNull(string value)
    {
        _api.Server.Given(Request.Create().WithPath($"/v1/jobs/{JobId}").UsingGet()).RespondWith(Responses.Json(200,
            $$"""{"job_id":"job-1","status":"completed","result":{{value}},"error":{{value}}}"""));
        using var harness = new ClientHarness(_api.Url);

        var job = await harness.Client.GetJobAsync(JobId);

        job.Status.Should().Be(JobStatus.Completed);
        job.Result.Should().BeNull();
        job.Error.Should().BeNull();
    }

    [Fact]
    public async Task Wait_KeepsPollingThroughNullStatus()
    {
        _api.ServeSequence(
            Request.Create().WithPath($"/v1/jobs/{JobId}").UsingGet(),
            Responses.Json(200, """{"job_id":"job-1","status":null}"""),
            Responses.Json(200, """{"job_id":"job-1","status":"COMPLETED"}"""));
        var time = new FakeTimeProvider(ClientHarness.Epoch);
        using var harness = new ClientHarness(_api.Url, time: time);

        var job = await time.RunAsync(harness.Client.WaitForCompletionAsync(JobId), TimeSpan.FromMilliseconds(250));

        job.Status.Should().Be(JobStatus.Completed);
        job.Status.Value.Should().Be("COMPLETED");
        _api.Requests.Should().HaveCount(2);
    }
}
