using ChangeThisFile.Client.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace ChangeThisFile.Client.Tests.Downloads;

/// <summary>Streamed downloads to a stream or a file, with length checks and progress.</summary>
public sealed class DownloadTests : IAsyncLifetime
{
    private const int Size = 1024 * 1024 + 17;
    private readonly string _directory =
        Path.Combine(Path.GetTempPath(), "ctf-downloads-" + Guid.NewGuid().ToString("N"));
    private LoopbackServer? _server;
    private ClientHarness? _harness;

    private static readonly DownloadOptions Overwrite = new() { Overwrite = true };

    private ClientHarness Harness => _harness!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        _server = await LoopbackServer.StartAsync(ServeAsync);
        _harness = new ClientHarness(_server.Url);
    }

    public async Task DisposeAsync()
    {
        _harness!.Dispose();
        await _server!.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task ToStream_WritesBodyAndReportsProgress()
    {
        using var destination = new MemoryStream();
        var progress = new RecordingProgress<TransferProgress>();

        var options = new DownloadOptions { Progress = progress };

        var result = await Harness.Client.DownloadAsync(Url("full"), destination, options);

        result.BytesWritten.Should().Be(Size);
        result.ContentType.Should().Be("image/webp");
        result.FileName.Should().Be("result.webp");
        destination.ToArray().Should().Equal(Body());
        progress.Values[0].Should().Be(new TransferProgress(0, Size));
        progress.Values[^1].Should().Be(new TransferProgress(Size, Size));
        progress.Values.Select(value => value.BytesTransferred).Should().BeInAscendingOrder();
    }

    [Fact]
    public async Task ToFile_MovesCompleteFileIntoPlace()
    {
        var target = Path.Combine(_directory, "out.webp");

        var result = await Harness.Client.DownloadToFileAsync(Url("full"), target);

        result.BytesWritten.Should().Be(Size);
        (await File.ReadAllBytesAsync(target)).Should().Equal(Body());
        Directory.GetFiles(_directory).Should().Equal(target);
    }

    [Fact]
    public async Task ShortBody_ThrowsIncompleteDownload()
    {
        using var destination = new MemoryStream();

        var thrown = await Harness.Client.Invoking(client => client.DownloadAsync(Url("short"), destination))
            .Should().ThrowAsync<IncompleteDownloadException>();

        thrown.Which.ExpectedBytes.Should().Be(Size);
        thrown.Which.ReceivedBytes.Should().BeLessThan(Size).And.Be(destination.Length);
        thrown.Which.Message.Should().Contain($"of {Size} bytes");
    }

    [Fact]
    public async Task ShortChunkedBody_ThrowsIncompleteDownload()
    {
        var thrown = await Harness.Client.Invoking(client => client.DownloadAsync(Url("short-chunked"), Stream.Null))
            .Should().ThrowAsync<IncompleteDownloadException>();

        thrown.Which.ExpectedBytes.Should().BeNull();
        thrown.Which.ReceivedBytes.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task ShortBodyToFile_LeavesNoFile()
    {
        var target = Path.Combine(_directory, "out.webp");

        await Harness.Client.Invoking(client => client.DownloadToFileAsync(Url("short"), target))
            .Should().ThrowAsync<IncompleteDownloadException>();

        Directory.GetFiles(_directory).Should().BeEmpty();
    }

    [Fact]
    public async Task ShortBodyOverExistingFile_KeepsOldFile()
    {
        var target = Path.Combine(_directory, "out.webp");
        await File.WriteAllTextAsync(target, "previous");

        await Harness.Client
            .Invoking(client => client.DownloadToFileAsync(Url("short"), target, Overwrite))
            .Should().ThrowAsync<IncompleteDownloadException>();

        (await File.ReadAllTextAsync(target)).Should().Be("previous");
        Directory.GetFiles(_directory).Should().Equal(target);
    }

    [Fact]
    public async Task ExistingFile_WithoutOverwrite_IsRejected()
    {
        var target = Path.Combine(_directory, "out.webp");
        await File.WriteAllTextAsync(target, "previous");

        await Harness.Client.Invoking(client => client.DownloadToFileAsync(Url("full"), target))
            .Should().ThrowAsync<IOException>().WithMessage("*already exists*Overwrite*");

        (await File.ReadAllTextAsync(target)).Should().Be("previous");
        Harness.Hosts.Should().BeEmpty();
    }

    [Fact]
    public async Task ExistingFile_WithOverwrite_IsReplaced()
    {
        var target = Path.Combine(_directory, "out.webp");
        await File.WriteAllTextAsync(target, "previous");

        await Harness.Client.DownloadToFileAsync(Url("full"), target, Overwrite);

        (await File.ReadAllBytesAsync(target)).Should().Equal(Body());
    }

    [Fact]
    public async Task ErrorStatus_ThrowsApiException()
    {
        var thrown = await Harness.Client.Invoking(client => client.DownloadAsync(Url("missing"), Stream.Null))
            .Should().ThrowAsync<ConversionApiException>();

        thrown.Which.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CanceledDownloadToFile_LeavesNoFile()
    {
        var target = Path.Combine(_directory, "out.webp");
        using var cancellation = new CancellationTokenSource();
        var options = new DownloadOptions { Progress = new CancelOnProgress(cancellation, Size / 2) };

        await Harness.Client
            .Invoking(client => client.DownloadToFileAsync(Url("full"), target, options, cancellation.Token))
            .Should().ThrowAsync<OperationCanceledException>();

        Directory.GetFiles(_directory).Should().BeEmpty();
    }

    private Uri Url(string name) => new(_server!.Url, "v1/jobs/download/" + name);

    private static byte[] Body() => Enumerable.Range(0, Size).Select(i => GeneratedStream.ByteAt(i)).ToArray();

    private static async Task ServeAsync(HttpContext context)
    {
        var name = context.Request.Path.Value!.Split('/')[^1];
        if (name == "missing")
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "image/webp";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"../result.webp\"";
        if (name != "short-chunked")
        {
            context.Response.ContentLength = Size;
        }

        var body = Body();
        var length = name.StartsWith("short", StringComparison.Ordinal) ? Size / 3 : Size;
        await context.Response.Body.WriteAsync(body.AsMemory(0, length), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        if (length < Size)
        {
            context.Abort();
        }
    }

    private sealed class CancelOnProgress(CancellationTokenSource cancellation, long threshold)
        : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value)
        {
            if (value.BytesTransferred >= threshold)
            {
                cancellation.Cancel();
            }
        }
    }
}
