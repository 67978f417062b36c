using ChangeThisFile.Client.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;

namespace ChangeThisFile.Client.Tests.Cases;

/// <summary>
/// A retried upload either sends the same bytes again or fails with a typed error that explains
/// why. It never fails with "stream already consumed" or <see cref="ObjectDisposedException"/>.
/// </summary>
public sealed class RetryConsumedStreamTests : IDisposable
{
    private const int FileSize = 200_000;
    private readonly ApiServer _api = new();

    public RetryConsumedStreamTests() =>
        _api.ServeSequence(
            Request.Create().WithPath("/v1/jobs").UsingPost(),
            Responses.Json(503, """{"error":{"code":"service_unavailable","message":"Down."}}"""),
            Responses.Example(202, "job-created.json"));

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task SeekableStream_IsRetriedWithIdenticalBytes()
    {
        using var harness = new ClientHarness(_api.Url);
        var stream = new GeneratedStream(FileSize, seekable: true);

        var handle = await harness.Client.SubmitJobAsync(stream, "big.bin", "zip");

        handle.JobId.Should().NotBeEmpty();
        var uploads = await UploadedFilesAsync();
        uploads.Should().HaveCount(2);
        uploads.Should().AllSatisfy(bytes => bytes.Should().Equal(Expected(0, FileSize)));
    }

    [Fact]
    public async Task SeekableStream_IsRewoundToItsStartPosition()
    {
        using var harness = new ClientHarness(_api.Url);
        var stream = new MemoryStream("HEADERbody-bytes"u8.ToArray()) { Position = 6 };

        await harness.Client.SubmitJobAsync(new JobUploadRequest(UploadContent.FromStream(stream, "a.txt"), "pdf"));

        var uploads = await UploadedFilesAsync();
        uploads.Should().HaveCount(2);
        uploads.Should().AllSatisfy(bytes => bytes.Should().Equal("body-bytes"u8.ToArray()));
    }

    [Fact]
    public async Task ForwardOnlyStream_FailsWithTypedError()
    {
        using var harness = new ClientHarness(_api.Url);
        var stream = new GeneratedStream(FileSize, seekable: false);

        var thrown = await harness.Client
            .Invoking(client => client.SubmitJobAsync(stream, "big.bin", "zip"))
            .Should().ThrowAsync<UploadNotReplayableException>();

        thrown.Which.FileName.Should().Be("big.bin");
        thrown.Which.BytesSent.Should().Be(FileSize);
        thrown.Which.InnerException.Should().BeOfType<ConversionApiException>()
            .Which.ErrorCode.Should().Be(ConversionErrorCode.ServiceUnavailable);
        thrown.Which.Message.Should().Contain("seekable stream").And.Contain("UploadContent.FromFactory");
        _api.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task ForwardOnlyConvert_FailsWithTypedError()
    {
        _api.ServeSequence(
            Request.Create().WithPath("/v1/convert").UsingPost(), Responses.Json(502, "{}"), Responses.Json(200, "{}"));
        using var harness = new ClientHarness(_api.Url);
        var stream = new GeneratedStream(FileSize, seekable: false);

        await harness.Client
            .Invoking(client => client.ConvertAsync(stream, "big.bin", "zip"))
            .Should().ThrowAsync<UploadNotReplayableException>();

        _api.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task ForwardOnlyContent_ReusedInSecondCall_IsRejected()
    {
        using var accepting = new ApiServer();
        accepting.Server.Given(Request.Create().WithPath("/v1/jobs").UsingPost())
            .RespondWith(Responses.Example(202, "job-created.json"));
        using var harness = new ClientHarness(accepting.Url);
        var content = UploadContent.FromStream(new GeneratedStream(FileSize, seekable: false), "big.bin");
        await harness.Client.SubmitJobAsync(new JobUploadRequest(content, "zip"));

        var again = () => harness.Client.SubmitJobAsync(new JobUploadRequest(content, "zip"));

        await again.Should().ThrowAsync<ArgumentException>().WithMessage("*'big.bin'*forward-only*new UploadContent*");
        accepting.Requests.Should().HaveCount(1);
    }

    [Fact]
    public async Task Factory_ReopensSourceForRetry()
    {
        using var harness = new ClientHarness(_api.Url);
        var opened = new List<GeneratedStream>();
        var content = UploadContent.FromFactory(
            _ =>
            {
                var stream = new GeneratedStream(FileSize, seekable: false);
                opened.Add(stream);
                return ValueTask.FromResult<Stream>(stream);
            },
            "big.bin");

        var handle = await harness.Client.SubmitJobAsync(new JobUploadRequest(content, "zip"));

        handle.JobId.Should().NotBeEmpty();
        opened.Should().HaveCount(2);
        var uploads = await UploadedFilesAsync();
        uploads.Should().AllSatisfy(bytes => bytes.Should().Equal(Expected(0, FileSize)));
    }

    [Fact]
    public async Task FileContent_IsReopenedForRetry()
    {
        using var harness = new ClientHarness(_api.Url);
        var path = Path.Combine(Path.GetTempPath(), $"ctf-upload-{Guid.NewGuid():N}.bin");
        await File.WriteAllBytesAsync(path, Expected(0, FileSize));
        try
        {
            await harness.Client.SubmitJobAsync(new JobUploadRequest(UploadContent.FromFile(path), "zip"));
        }
        finally
        {
            File.Delete(path);
        }

        var uploads = await UploadedFilesAsync();
        uploads.Should().HaveCount(2);
        uploads.Should().AllSatisfy(bytes => bytes.Should().Equal(Expected(0, FileSize)));
    }

    [Fact]
    public async Task ForwardOnlyStream_FailedConnect_IsRetried()
    {
        using var accepting = new ApiServer();
        accepting.Server.Given(Request.Create().WithPath("/v1/jobs").UsingPost())
            .RespondWith(Responses.Example(202, "job-created.json"));
        using var harness = new ClientHarness(
            accepting.Url, builder: builder => builder.AddHttpMessageHandler(() => new ConnectionFailureHandler(1)));
        var stream = new GeneratedStream(FileSize, seekable: false);

        var handle = await harness.Client.SubmitJobAsync(stream, "big.bin", "zip");

        handle.JobId.Should().NotBeEmpty();
        harness.Hosts.Should().HaveCount(1, "the failed attempt never reached the network");
        var upload = (await accepting.SingleRequest().PartsAsync()).Single(part => part.Name == "file");
        upload.Body.Should().Equal(Expected(0, FileSize));
    }

    private async Task<List<byte[]>> UploadedFilesAsync()
    {
        var files = new List<byte[]>();
        foreach (var entry in _api.Requests)
        {
            files.Add((await entry.PartsAsync()).Single(part => part.Name == "file").Body);
        }

        return files;
    }

    private static byte[] Expected(long offset, int count) =>
        Enumerable.Range(0, count).Select(i => GeneratedStream.ByteAt(offset + i)).ToArray();
}
