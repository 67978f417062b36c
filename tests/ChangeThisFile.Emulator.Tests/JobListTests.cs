using System.Net;
using System.Text.Json;
using ChangeThisFile.Emulator.Tests.Infrastructure;

namespace ChangeThisFile.Emulator.Tests;

public sealed class JobListTests : IAsyncLifetime
{
    private ConversionEmulator _emulator = null!;
    private EmulatorApi _api = null!;
    private readonly List<string> _jobIds = [];

    public async Task InitializeAsync()
    {
        _emulator = await ConversionEmulator.StartAsync();
        _api = EmulatorApi.For(_emulator);
        for (var i = 0; i < 5; i++)
        {
            _jobIds.Add(await _api.SubmitJobAsync("a\n1\n"u8.ToArray(), $"f{i}.csv", "json"));
        }
    }

    public async Task DisposeAsync()
    {
        _api.Dispose();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task List_Pages_FollowCursorNewestFirst()
    {
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await GetPageAsync(cursor is null ? "/v1/jobs?limit=2" : $"/v1/jobs?limit=2&cursor={cursor}");
            var ids = page.GetProperty("data").EnumerateArray().Select(job => job.GetProperty("job_id").GetString()!);
            seen.AddRange(ids);
            var hasMore = page.GetProperty("has_more").GetBoolean();
            var next = page.GetProperty("next_cursor");
            (next.ValueKind == JsonValueKind.Null).Should().Be(!hasMore);
            cursor = hasMore ? next.GetString() : null;
            pages++;
        }
        while (cursor is not null);

        pages.Should().Be(3);
        seen.Should().Equal(Enumerable.Reverse(_jobIds));
    }

    [Fact]
    public async Task List_WithoutLimit_ReturnsUpToTwenty()
    {
        var page = await GetPageAsync("/v1/jobs");

        page.GetProperty("data").GetArrayLength().Should().Be(5);
        page.GetProperty("has_more").GetBoolean().Should().BeFalse();
        page.GetProperty("next_cursor").ValueKind.Should().Be(JsonValueKind.Null);
        page.GetProperty("data")[0].GetProperty("status").GetString().Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("limit=0", "'limit'")]
    [InlineData("limit=101", "'limit'")]
    [InlineData("limit=ten", "'limit'")]
    [InlineData("cursor=not-a-cursor", "'cursor'")]
    public async Task List_InvalidQuery_Returns400(string query, string field)
    {
        using var response = await _api.Http.GetAsync("/v1/jobs?" + query);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EmulatorApi.ErrorAsync(response)).Message.Should().Contain(field);
    }

    [Theory]
    [InlineData("zzz")]
    [InlineData("%00")]
    [InlineData("=====")]
    [InlineData("YWJj")]
    [InlineData("c2VxOg")]
    [InlineData("c2VxOi0x")]
    [InlineData("%F0%9F%92%A9")]
    [InlineData("a%20b")]
    public async Task List_MalformedCursor_Returns400(string cursor)
    {
        using var response = await _api.Http.GetAsync("/v1/jobs?cursor=" + cursor);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await EmulatorApi.ErrorAsync(response);
        error.Code.Should().Be("bad_request");
        error.Message.Should().StartWith("The 'cursor' value is invalid");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("101")]
    [InlineData("abc")]
    [InlineData("99999999999")]
    [InlineData("%2B5")]
    [InlineData("%00")]
    public async Task List_InvalidLimit_Returns400NamingRange(string limit)
    {
        using var response = await _api.Http.GetAsync("/v1/jobs?limit=" + limit);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var error = await EmulatorApi.ErrorAsync(response);
        error.Code.Should().Be("bad_request");
        error.Message.Should().Contain($"'{Uri.UnescapeDataString(limit)}'");
        error.Message.Should().Contain("from 1 to 100");
    }

    [Fact]
    public async Task List_OtherAccount_SeesOnlyItsJobs()
    {
        using var keyResponse = await _api.PostJsonAsync("/v1/keys/free", """{"email":"list@example.com"}""");
        var key = (await EmulatorApi.JsonAsync(keyResponse)).GetProperty("api_key").GetString();
        using var other = new HttpClient { BaseAddress = _emulator.BaseAddress };
        other.DefaultRequestHeaders.Authorization = new("Bearer", key);

        using var response = await other.GetAsync("/v1/jobs");

        (await EmulatorApi.JsonAsync(response)).GetProperty("data").GetArrayLength().Should().Be(0);
    }

    private async Task<JsonElement> GetPageAsync(string path)
    {
        using var response = await _api.Http.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await EmulatorApi.JsonAsync(response);
    }
}
