using ChangeThisFile.Client.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace ChangeThisFile.Client.Tests.Endpoints;

/// <summary>The shorthand extension methods over <see cref="IConversionClient"/>.</summary>
public sealed class ExtensionTests : IDisposable
{
    private readonly ApiServer _api = new();
    private readonly ClientHarness _harness;

    public ExtensionTests()
    {
        _harness = new ClientHarness(_api.Url);
        _api.Server.Given(Request.Create().WithPath("/v1/jobs").UsingPost())
            .RespondWith(Responses.Example(202, "job-created.json"));
        _api.Server.Given(Request.Create().WithPath("/v1/convert").UsingPost())
            .RespondWith(Response.Create().WithBody("out"));
        _api.Server.Given(Request.Create().WithPath("/v1/result").UsingGet())
            .RespondWith(Response.Create().WithBody("result"));
    }

    public void Dispose()
    {
        _harness.Dispose();
        _api.Dispose();
    }

    [Fact]
    public async Task ConvertStream_SendsFileAndTarget()
    {
        await using var result = await _harness.Client.ConvertAsync(new MemoryStream([1, 2]), "in.png", "webp");

        var parts = await _api.SingleRequest().PartsAsync();
        parts.Select(part => part.Name).Should().Equal("target", "file");
        parts[1].FileName.Should().Be("in.png");
    }

    [Fact]
    public async Task SubmitFactory_OpensSource()
    {
        var opened = 0;

        await _harness.Client.SubmitJobAsync(
            _ =>
            {
                opened++;
                return ValueTask.FromResult<Stream>(new MemoryStream([1, 2, 3]));
            },
            "in.png",
            "webp");

        opened.Should().Be(1);
        (await _api.SingleRequest().PartsAsync())[^1].Body.Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task SubmitUrl_SendsFileUrl()
    {
        await _harness.Client.SubmitJobFromUrlAsync(new Uri("https://in.example.com/a.png"), "webp");

        (await _api.SingleRequest().PartsAsync())[0].Text.Should().Be("https://in.example.com/a.png");
    }

    [Fact]
    public async Task DownloadResult_UsesResultUrl()
    {
        var job = new ConversionJob
        {
            JobId = "j",
            Status = JobStatus.Completed,
            Result = new JobResult { FileUrl = new Uri(_api.Url, "v1/result").AbsoluteUri },
        };
        using var destination = new MemoryStream();

        await _harness.Client.DownloadResultAsync(job, destination);

        System.Text.Encoding.UTF8.GetString(destination.ToArray()).Should().Be("result");
    }

    [Theory]
    [InlineData("processing", "https://files.example.com/a", "not 'completed'")]
    [InlineData("completed", null, "no valid result.file_url")]
    [InlineData("completed", "not a url", "no valid result.file_url")]
    public async Task DownloadResult_RejectsUnfinishedJob(string status, string? fileUrl, string message)
    {
        var job = new ConversionJob
        {
            JobId = "j",
            Status = new JobStatus(status),
            Result = new JobResult { FileUrl = fileUrl },
        };

        var download = () => _harness.Client.DownloadResultToFileAsync(job, "/tmp/never-written.bin");

        await download.Should().ThrowAsync<InvalidOperationException>().WithMessage($"*Job 'j'*{message}*");
        _harness.Hosts.Should().BeEmpty();
    }
}
