using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ChangeThisFile.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Emulator.Tests;

public sealed class IdempotencyTests
{
    private static readonly byte[] Csv = "a,b\n1,2\n"u8.ToArray();

    public static TheoryData<string> InvalidKeys() => ["has space", "star*key", "at@sign", "", new string('k', 129)];

    [Fact]
    public async Task Submit_RepeatedKey_ReplaysFirstJob()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var first = await api.PostAsync("/v1/jobs", JsonJob(), "order-1001");
        using var second = await api.PostAsync("/v1/jobs", JsonJob(), "order-1001");

        second.StatusCode.Should().Be(HttpStatusCode.Accepted);
        (await second.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        second.Headers.Location.Should().Be(first.Headers.Location);
        second.Headers.GetValues("Idempotent-Replayed").Single().Should().Be("true");
        first.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        emulator.Jobs.Count.Should().Be(1);
        emulator.Jobs.List().Single().IdempotencyKey.Should().Be("order-1001");
    }

    [Fact]
    public async Task Convert_RepeatedKey_ReplaysUncharged()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var first = await api.PostAsync("/v1/convert", EmulatorApi.Form(Csv, "a.csv", ("target", "yaml")), "k1");
        using var second = await api.PostAsync("/v1/convert", EmulatorApi.Form(Csv, "a.csv", ("target", "yaml")), "k1");
        using var usage = await api.Http.GetAsync("/v1/usage");

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Content.ReadAsByteArrayAsync()).Should().Equal(await first.Content.ReadAsByteArrayAsync());
        second.Headers.GetValues("X-Conversion-Time").Should().Equal(first.Headers.GetValues("X-Conversion-Time"));
        second.Content.Headers.ContentDisposition.Should().Be(first.Content.Headers.ContentDisposition);
        (await EmulatorApi.JsonAsync(usage)).GetProperty("conversions_used").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Submit_SameKeyWithPartsReordered_Replays()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        using var reordered = new MultipartFormDataContent("other-boundary");
        reordered.Add(new StringContent("json"), "target");
        reordered.Add(new ByteArrayContent(Csv), "file", "a.csv");

        using var first = await api.PostAsync("/v1/jobs", JsonJob(), "k2");
        using var second = await api.PostAsync("/v1/jobs", reordered, "k2");

        second.StatusCode.Should().Be(HttpStatusCode.Accepted);
        second.Headers.Contains("Idempotent-Replayed").Should().BeTrue();
        emulator.Jobs.Count.Should().Be(1);
    }

    [Theory]
    [InlineData("target", "yaml")]
    [InlineData("quality", "50")]
    [InlineData("file", "other")]
    public async Task Submit_SameKeyDifferentBody_Returns422BadRequest(string changed, string value)
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        var file = changed == "file" ? "x,y\n3,4\n"u8.ToArray() : Csv;
        (string, string)[] fields = changed switch
        {
            "target" => [("target", value)],
            "quality" => [("target", "json"), ("quality", value)],
            _ => [("target", "json")],
        };

        using var first = await api.PostAsync("/v1/jobs", JsonJob(), "k3");
        using var second = await api.PostAsync("/v1/jobs", EmulatorApi.Form(file, "a.csv", fields), "k3");

        second.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var error = await EmulatorApi.ErrorAsync(second);
        error.Code.Should().Be("bad_request");
        error.Message.Should().Contain("different request body");
        emulator.Jobs.Count.Should().Be(1);
    }

    [Fact]
    public async Task Submit_KeyInFlight_Returns409()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        var gated = await GatedContent.FromAsync(JsonJob());
        var firstTask = api.PostAsync("/v1/jobs", gated, "k4");
        await WaitUntilAsync(() => emulator.Context.Idempotency.IsInFlight("default", "k4"));

        using var second = await api.PostAsync("/v1/jobs", JsonJob(), "k4");
        gated.Release();
        using var first = await firstTask;

        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        second.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        var error = await EmulatorApi.ErrorAsync(second);
        error.Code.Should().Be("bad_request");
        error.Details!.Value.GetProperty("retry_after").GetInt32().Should().Be(1);
        first.StatusCode.Should().Be(HttpStatusCode.Accepted);
        emulator.Jobs.Count.Should().Be(1);
    }

    [Theory]
    [MemberData(nameof(InvalidKeys))]
    public async Task Submit_InvalidKey_Returns400(string key)
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var response = await api.PostAsync("/v1/jobs", JsonJob(), key);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EmulatorApi.ErrorAsync(response)).Message.Should().Contain("Idempotency-Key");
        emulator.Jobs.Count.Should().Be(0);
    }

    [Fact]
    public async Task Submit_LongestValidKey_IsAccepted()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        var key = "A.z_0-9:+/" + new string('x', 118);

        using var response = await api.PostAsync("/v1/jobs", JsonJob(), key);

        response.StatusCode.Should().Be(HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task Submit_AfterFailedFirstAttempt_RunsAgain()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var failed = await api.PostAsync("/v1/jobs", EmulatorApi.Form(Csv, "a.csv", ("target", "png")), "k5");
        using var retried = await api.PostAsync("/v1/jobs", JsonJob(), "k5");

        failed.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        retried.StatusCode.Should().Be(HttpStatusCode.Accepted);
        retried.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
    }

    [Fact]
    public async Task Submit_AfterWindow_CreatesNewJob()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            TimeProvider = clock,
        });
        using var api = EmulatorApi.For(emulator);

        using var first = await api.PostAsync("/v1/jobs", JsonJob(), "k6");
        clock.Advance(ConversionEmulatorOptions.DefaultIdempotencyWindow);
        using var second = await api.PostAsync("/v1/jobs", JsonJob(), "k6");

        second.StatusCode.Should().Be(HttpStatusCode.Accepted);
        second.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        emulator.Jobs.Count.Should().Be(2);
    }

    [Fact]
    public async Task Submit_SameKeyOtherAccount_IsIndependent()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        using var keyResponse = await api.PostJsonAsync("/v1/keys/free", """{"email":"b@example.com"}""");
        var otherKey = (await EmulatorApi.JsonAsync(keyResponse)).GetProperty("api_key").GetString();
        using var other = new EmulatorApi(new HttpClient { BaseAddress = emulator.BaseAddress });
        other.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", otherKey);

        using var mine = await api.PostAsync("/v1/jobs", JsonJob(), "shared");
        using var theirs = await other.PostAsync("/v1/jobs", JsonJob(), "shared");

        theirs.StatusCode.Should().Be(HttpStatusCode.Accepted);
        theirs.Headers.Contains("Idempotent-Replayed").Should().BeFalse();
        emulator.Jobs.Count.Should().Be(2);
    }

    private static MultipartFormDataContent JsonJob() => EmulatorApi.Form(Csv, "a.csv", ("target", "json"));

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(10, guard.Token);
        }
    }
}
