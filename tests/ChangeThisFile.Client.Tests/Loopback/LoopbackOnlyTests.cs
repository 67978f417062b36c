using ChangeThisFile.Client.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChangeThisFile.Client.Tests.Loopback;

/// <summary>
/// Every test client carries a guard that records each attempt's host and refuses any host but
/// 127.0.0.1: these tests show that all operations stay on loopback and that the guard works.
/// </summary>
public sealed class LoopbackOnlyTests : IDisposable
{
    private const string JobId = "job-1";
    private readonly ApiServer _api = new();

    public LoopbackOnlyTests()
    {
        _api.Server.Given(Request.Create().WithPath($"/v1/jobs/{JobId}").UsingGet())
            .RespondWith(Responses.Json(200, Responses.JobJson(JobId, "completed")));
        _api.Server.Given(Request.Create().WithPath("/v1/jobs").UsingGet()).RespondWith(Responses.Json(200, "[]"));
        _api.Server.Given(Request.Create().WithPath("/v1/jobs").UsingPost())
            .RespondWith(Responses.Example(202, "job-created.json"));
        _api.Server.Given(Request.Create().WithPath("/v1/convert").UsingPost())
            .RespondWith(Response.Create().WithBody("x"));
        _api.Server.Given(Request.Create().WithPath("/v1/download").UsingGet())
            .RespondWith(Response.Create().WithBody("x"));
        _api.Server.Given(Request.Create().WithPath("/v1/*").UsingAnyMethod()).AtPriority(10)
            .RespondWith(Responses.Json(200, "{}"));
    }

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task EveryOperation_ReachesOnlyLoopback()
    {
        using var harness = new ClientHarness(_api.Url);
        var client = harness.Client;
        var upload = UploadContent.FromBytes(new byte[3], "a.png");

        await using (await client.ConvertAsync(new ConvertRequest(upload, "webp")))
        {
        }

        await client.SubmitJobAsync(new JobUploadRequest(upload, "webp"));
        await client.SubmitJobFromUrlAsync(new JobUrlRequest(new Uri("https://in.example.com/a.png"), "webp"));
        await client.GetJobAsync(JobId);
        await client.WaitForCompletionAsync(JobId);
        await foreach (var _ in client.ListJobsAsync())
        {
        }

        await client.DownloadAsync(new Uri(_api.Url, "v1/download"), Stream.Null);
        await client.GetUsageAsync();
        await client.CreateFreeApiKeyAsync("dev@example.com");
        await client.RotateApiKeyAsync();
        await client.RotateWebhookSecretAsync();
        await client.SendTestWebhookAsync(new Uri("https://app.example.com/hooks"));

        harness.Hosts.Should().HaveCount(12).And.OnlyContain(host => host == "127.0.0.1");
        _api.Requests.Should().HaveCount(12);
    }

    [Fact]
    public async Task DefaultBaseAddress_IsStoppedByGuard()
    {
        using var harness = new ClientHarness(ConversionClientOptions.DefaultBaseAddress);

        await harness.Client.Invoking(client => client.GetUsageAsync())
            .Should().ThrowAsync<InvalidOperationException>()
                .WithMessage("*changethisfile.com*may reach only 127.0.0.1*");

        harness.Hosts.Should().Equal("changethisfile.com");
    }
}
