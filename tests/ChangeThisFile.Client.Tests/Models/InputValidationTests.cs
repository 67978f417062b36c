using ChangeThisFile.Client.Tests.Infrastructure;

namespace ChangeThisFile.Client.Tests.Models;

/// <summary>Invalid input is rejected before anything is sent, with a message naming the value and the fix.</summary>
public sealed class InputValidationTests : IDisposable
{
    private readonly ClientHarness _harness = new(new Uri("http://127.0.0.1:9/"));

    private IConversionClient Client => _harness.Client;

    public void Dispose()
    {
        _harness.Hosts.Should().BeEmpty("invalid input must be rejected before any request");
        _harness.Dispose();
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("we bp")]
    [InlineData("webp\r\nX-Evil: 1")]
    [InlineData("../pdf")]
    public async Task InvalidTarget_IsRejected(string target)
    {
        var convert = () => Client.ConvertAsync(new ConvertRequest(Upload(), target));

        await convert.Should().ThrowAsync<ArgumentException>().WithMessage("*target format*");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t ")]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("job\u0000")]
    [InlineData("job\r\nX-Evil: 1")]
    [InlineData("job\u007F")]
    [InlineData("job\u0085")]
    [InlineData("\u009Fjob")]
    public async Task InvalidJobId_IsRejected(string jobId)
    {
        var get = () => Client.GetJobAsync(jobId);

        await get.Should().ThrowAsync<ArgumentException>().WithMessage("*job id*not valid*job_id the API returned*");
    }

    [Theory]
    [InlineData("3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b")]
    [InlineData("job 1")]
    [InlineData("j\u00F6b\u00A0")]
    [InlineData("...")]
    public void UnusualButValidJobId_IsAccepted(string jobId)
    {
        var validate = () => ChangeThisFile.Client.Http.RequestValidation.JobId(jobId);

        validate.Should().NotThrow();
    }

    [Theory]
    [InlineData("webp")]
    [InlineData("tar.gz")]
    [InlineData("WEBP")]
    [InlineData("7z")]
    public void ValidTarget_IsAccepted(string target)
    {
        var validate = () => ChangeThisFile.Client.Http.RequestValidation.Format(target, "target", required: true);

        validate.Should().NotThrow();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-1)]
    public async Task QualityOutOfRange_IsRejected(int quality)
    {
        var submit = () => Client.SubmitJobAsync(new JobUploadRequest(Upload(), "webp") { Quality = quality });

        (await submit.Should().ThrowAsync<ArgumentOutOfRangeException>()).WithMessage($"*quality {quality}*1 to 100*");
    }

    [Theory]
    [InlineData("has space", "' ' at position 3")]
    [InlineData("emoji😀", "position 5")]
    [InlineData("semi;colon", "';' at position 4")]
    public async Task InvalidIdempotencyKeyCharacter_IsRejected(string key, string detail)
    {
        var convert = () => Client.ConvertAsync(new ConvertRequest(Upload(), "webp") { IdempotencyKey = key });

        (await convert.Should().ThrowAsync<ArgumentException>()).WithMessage($"*{detail}*A-Z a-z 0-9 . _ - : + /*");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(129)]
    public async Task IdempotencyKeyLength_IsChecked(int length)
    {
        var request = new JobUrlRequest(new Uri("https://in.example.com/a.png"), "webp")
        {
            IdempotencyKey = new string('k', length),
        };

        var submit = () => Client.SubmitJobFromUrlAsync(request);

        (await submit.Should().ThrowAsync<ArgumentException>()).WithMessage($"*{length} characters*1 to 128*");
    }

    [Fact]
    public async Task RelativeWebhookUrl_IsRejected()
    {
        var request = new JobUploadRequest(Upload(), "webp") { WebhookUrl = new Uri("/hooks", UriKind.Relative) };

        var submit = () => Client.SubmitJobAsync(request);

        await submit.Should().ThrowAsync<ArgumentException>().WithMessage("*webhookUrl*absolute http or https*");
    }

    [Fact]
    public async Task NonHttpFileUrl_IsRejected()
    {
        var submit = () => Client.SubmitJobFromUrlAsync(new JobUrlRequest(new Uri("file:///etc/passwd"), "webp"));

        await submit.Should().ThrowAsync<ArgumentException>().WithMessage("*fileUrl*absolute http or https*");
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("a@b\r\n")]
    public async Task InvalidEmail_IsRejected(string email)
    {
        var create = () => Client.CreateFreeApiKeyAsync(email);

        await create.Should().ThrowAsync<ArgumentException>().WithMessage("*email address is not valid*");
    }

    [Fact]
    public void UnreadableStream_IsRejected()
    {
        using var stream = new MemoryStream();
        stream.Dispose();

        var create = () => UploadContent.FromStream(stream, "a.png");

        create.Should().Throw<ArgumentException>().WithMessage("*not readable*");
    }

    [Fact]
    public void InvalidContentType_IsRejected()
    {
        var create = () => UploadContent.FromBytes(new byte[1], "a.png", "image png");

        create.Should().Throw<ArgumentException>().WithMessage("*'image png' is not a valid media type*");
    }

    [Fact]
    public void MissingFile_IsRejected()
    {
        var create = () => UploadContent.FromFile("/nonexistent/input.png");

        create.Should().Throw<FileNotFoundException>().WithMessage("*'/nonexistent/input.png' does not exist*");
    }

    [Fact]
    public async Task UnwritableDestination_IsRejected()
    {
        await using var destination = new MemoryStream([], writable: false);

        var download = () => Client.DownloadAsync(new Uri("https://files.example.com/a"), destination);

        await download.Should().ThrowAsync<ArgumentException>().WithMessage("*not writable*");
    }

    private static UploadContent Upload() => UploadContent.FromBytes(new byte[3], "a.png");
}
