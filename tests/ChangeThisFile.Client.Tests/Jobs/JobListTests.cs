using ChangeThisFile.Client.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChangeThisFile.Client.Tests.Jobs;

/// <summary>
/// The job list in the documented shape and in each tolerated alternative, fetched page by page
/// as the caller enumerates.
/// </summary>
public sealed class JobListTests : IDisposable
{
    private readonly ApiServer _api = new();
    private readonly ClientHarness _harness;

    public JobListTests() => _harness = new ClientHarness(_api.Url);

    public void Dispose()
    {
        _harness.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task DocumentedShape_FollowsNextCursor()
    {
        Page(null, """{"data":[JOB_a,JOB_b],"has_more":true,"next_cursor":"cur_2"}""");
        Page("cur_2", """{"data":[JOB_c],"has_more":false,"next_cursor":null}""");

        var ids = await ListIdsAsync(new JobListOptions { PageSize = 2 });

        ids.Should().Equal("a", "b", "c");
        _api.Requests.Should().HaveCount(2);
        _api.Requests[1].RequestMessage!.Query!["limit"].Should().Equal("2");
    }

    [Fact]
    public async Task Enumeration_RequestsPagesLazily()
    {
        Page(null, """{"data":[JOB_a],"has_more":true,"next_cursor":"cur_2"}""");
        Page("cur_2", """{"data":[JOB_b],"has_more":false}""");

        await foreach (var job in _harness.Client.ListJobsAsync())
        {
            job.JobId.Should().Be("a");
            break;
        }

        _api.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task BareArray_IsOnePage()
    {
        Page(null, """[JOB_a,JOB_b]""");

        var ids = await ListIdsAsync();

        ids.Should().Equal("a", "b");
        _api.Requests.Should().HaveCount(1);
    }

    [Theory]
    [InlineData("jobs", "next_cursor")]
    [InlineData("items", "cursor")]
    [InlineData("data", "next")]
    public async Task AlternativeNames_AreTolerated(string arrayName, string cursorName)
    {
        Page(null, $$"""{"{{arrayName}}":[JOB_a],"{{cursorName}}":"cur_2"}""");
        Page("cur_2", $$"""{"{{arrayName}}":[JOB_b]}""");

        var ids = await ListIdsAsync();

        ids.Should().Equal("a", "b");
    }

    [Fact]
    public async Task NextAsRelativeUrl_IsFollowed()
    {
        Page(null, """{"data":[JOB_a],"next":"/v1/jobs?cursor=cur_2&limit=5"}""");
        Page("cur_2", """{"data":[JOB_b],"next":null}""");

        var ids = await ListIdsAsync();

        ids.Should().Equal("a", "b");
        _api.Requests[1].RequestMessage!.Query!["limit"].Should().Equal("5");
    }

    [Fact]
    public async Task AbsoluteNextUrl_IsFollowed()
    {
        Page(null, $$"""{"data":[JOB_a],"next":"{{_api.Url}}v1/jobs?cursor=cur_2"}""");
        Page("cur_2", """{"data":[JOB_b]}""");

        var ids = await ListIdsAsync();

        ids.Should().Equal("a", "b");
        _api.Requests.Should().OnlyContain(entry => entry.Header("Authorization") == "Bearer " + ClientHarness.ApiKey);
    }

    [Fact]
    public async Task LinkHeader_IsFollowed()
    {
        _api.Server.Given(Request.Create().WithPath("/v1/jobs").WithParam("cursor", "cur_2").UsingGet())
            .AtPriority(1)
            .RespondWith(Responses.Json(200, Jobs("""[JOB_b]""")));
        _api.Server.Given(Request.Create().WithPath("/v1/jobs").UsingGet())
            .AtPriority(2)
            .RespondWith(Responses.Json(200, Jobs("""[JOB_a]"""))
                .WithHeader("Link", "</v1/jobs?cursor=abc>; rel=\"prev\", </v1/jobs?cursor=cur_2>; rel=\"next\""));

        var ids = await ListIdsAsync();

        ids.Should().Equal("a", "b");
    }

    [Fact]
    public async Task HasMoreFalse_StopsDespiteCursor()
    {
        Page(null, """{"data":[JOB_a],"has_more":false,"next_cursor":"cur_2"}""");
        Page("cur_2", """{"data":[JOB_b]}""");

        var ids = await ListIdsAsync();

        ids.Should().Equal("a");
        _api.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task RepeatedCursor_StopsInsteadOfLooping()
    {
        Page(null, """{"data":[JOB_a],"next_cursor":"same"}""");
        Page("same", """{"data":[JOB_b],"next_cursor":"same"}""");

        var ids = await ListIdsAsync();

        ids.Should().Equal("a", "b");
        _api.Requests.Should().HaveCount(2);
        _harness.Logs.GetSnapshot().Should().Contain(record => record.Id.Id == 26);
    }

    [Fact]
    public async Task NextOnOtherOrigin_IsRefused()
    {
        Page(null, """{"data":[JOB_a],"next":"https://evil.example.com/v1/jobs?cursor=x"}""");

        var list = async () => await ListIdsAsync();

        await list.Should().ThrowAsync<InvalidOperationException>().WithMessage("*not on the API's origin*");
        _harness.Hosts.Should().OnlyContain(host => host == "127.0.0.1");
    }

    [Fact]
    public async Task StartCursor_IsSent()
    {
        Page("resume_here", """{"data":[JOB_c],"has_more":false}""");

        var ids = await ListIdsAsync(new JobListOptions { Cursor = "resume_here" });

        ids.Should().Equal("c");
    }

    [Theory]
    [InlineData("""{"data":"nope"}""")]
    [InlineData("""{"total":3}""")]
    [InlineData("""not json""")]
    public async Task UnrecognisedBody_ThrowsJsonException(string body)
    {
        _api.Server.Given(Request.Create().WithPath("/v1/jobs").UsingGet()).RespondWith(Responses.Json(200, body));

        var list = async () => await ListIdsAsync();

        await list.Should().ThrowAsync<System.Text.Json.JsonException>().WithMessage("*job list*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    public void PageSizeOutOfRange_IsRejected(int size)
    {
        var list = () => _harness.Client.ListJobsAsync(new JobListOptions { PageSize = size });

        list.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*1 to 100*");
    }

    private void Page(string? cursor, string template)
    {
        var request = Request.Create().WithPath("/v1/jobs").UsingGet();
        var mapping = cursor is null
            ? _api.Server.Given(request).AtPriority(2)
            : _api.Server.Given(request.WithParam("cursor", cursor)).AtPriority(1);
        mapping.RespondWith(Responses.Json(200, Jobs(template)));
    }

    private static string Jobs(string template) =>
        template.Replace("JOB_a", Job("a")).Replace("JOB_b", Job("b")).Replace("JOB_c", Job("c"));

    private static string Job(string id) => Responses.JobJson(id, "completed");

    private async Task<List<string>> ListIdsAsync(JobListOptions? options = null)
    {
        var ids = new List<string>();
        await foreach (var job in _harness.Client.ListJobsAsync(options))
        {
            ids.Add(job.JobId);
        }

        return ids;
    }
}
