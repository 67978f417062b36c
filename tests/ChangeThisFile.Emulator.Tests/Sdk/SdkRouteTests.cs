using System.Text;
using ChangeThisFile.Client;
using ChangeThisFile.Emulator.Tests.Infrastructure;
using SkiaSharp;

namespace ChangeThisFile.Emulator.Tests.Sdk;

/// <summary>Every route of the emulator's table, converted through the SDK and the output decoded.</summary>
public sealed class SdkRouteTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>, IAsyncLifetime
{
    private const string Markdown = "# Release notes\n\nSome **bold** text.\n\n- first\n- second\n";
    private SdkClient _sdk = null!;

    public static TheoryData<string, string> Routes()
    {
        var routes = new TheoryData<string, string>();
        foreach (var route in EmulatorRoutes.All)
        {
            routes.Add(route.Source, route.Target);
        }

        return routes;
    }

    public Task InitializeAsync()
    {
        _sdk = SdkClient.For(fixture.Emulator);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _sdk.DisposeAsync();

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Convert_Route_ProducesCheckedOutput(string source, string target)
    {
        var input = Input(source, target);
        var request = new ConvertRequest(UploadContent.FromBytes(input, "input." + source), target);

        await using var result = await _sdk.Client.ConvertAsync(request);
        using var output = new MemoryStream();
        await result.Content.CopyToAsync(output);

        result.FileName.Should().Be("input." + target);
        CheckOutput(source, target, output.ToArray());
    }

    [Theory]
    [InlineData("csv", "yaml")]
    [InlineData("md", "html")]
    [InlineData("png", "jpg")]
    [InlineData("webp", "bmp")]
    public async Task SubmitWaitDownload_Route_ProducesCheckedOutput(string source, string target)
    {
        var request = new JobUploadRequest(UploadContent.FromBytes(Input(source, target), "input." + source), target);

        var handle = await _sdk.Client.SubmitJobAsync(request);
        var job = await _sdk.Client.WaitForCompletionAsync(handle.JobId, SdkEndpointTests.FastPolling());
        using var output = new MemoryStream();
        await _sdk.Client.DownloadResultAsync(job, output);

        job.Status.Should().Be(JobStatus.Completed, job.Error?.Message);
        job.Result!.SourceFormat.Should().Be(source);
        job.Result.TargetFormat.Should().Be(target);
        CheckOutput(source, target, output.ToArray());
    }

    private static byte[] Input(string source, string target) => source switch
    {
        "md" => Encoding.UTF8.GetBytes(Markdown),
        _ when EmulatorRoutes.IsImage(source) => TestImages.Encode(source),
        _ => TableData.Input(source, RowsFor(source, target)),
    };

    private static string[][] RowsFor(string source, string target) =>
        source == "tsv" || target == "tsv" ? TableData.TsvSafeRows : TableData.Rows;

    private static void CheckOutput(string source, string target, byte[] output)
    {
        if (target == "html")
        {
            var html = Encoding.UTF8.GetString(output);
            html.Should().StartWith("<!DOCTYPE html>");
            html.Should().Contain("<h1 id=\"release-notes\">Release notes</h1>");
            html.Should().Contain("<strong>bold</strong>");
            html.Should().Contain("<li>second</li>");
        }
        else if (EmulatorRoutes.IsImage(target))
        {
            CheckImage(source, target, output);
        }
        else
        {
            var rows = RowsFor(source, target);
            TableData.Parse(target, output).Should().BeEquivalentTo(
                TableData.Expected(rows), options => options.WithStrictOrdering());
        }
    }

    private static void CheckImage(string source, string target, byte[] output)
    {
        using var codec = SKCodec.Create(new MemoryStream(output));
        codec.Should().NotBeNull("the output must decode as an image");
        codec.EncodedFormat.Should().Be(target switch
        {
            "png" => SKEncodedImageFormat.Png,
            "jpg" => SKEncodedImageFormat.Jpeg,
            "webp" => SKEncodedImageFormat.Webp,
            _ => SKEncodedImageFormat.Bmp,
        });
        using var bitmap = SKBitmap.Decode(codec);
        bitmap.Width.Should().Be(TestImages.Width);
        bitmap.Height.Should().Be(TestImages.Height);
        var tolerance = source is "jpg" or "webp" || target is "jpg" or "webp" ? 40 : 0;
        bitmap.GetPixel(0, 1).ShouldBeNear(TestImages.Left, tolerance, "left half");
        bitmap.GetPixel(5, 2).ShouldBeNear(TestImages.Right, tolerance, "right half");
    }
}
