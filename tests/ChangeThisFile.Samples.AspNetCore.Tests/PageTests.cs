using System.Text.Json;
using ChangeThisFile.Samples.AspNetCore.Tests.Browser;
using ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;
using SkiaSharp;

namespace ChangeThisFile.Samples.AspNetCore.Tests;

/// <summary>
/// The sample's page in headless Chromium: a real file picked in the file input, a real
/// conversion through the embedded emulator, and a screenshot of the result kept in
/// <c>artifacts/test-results/screenshots</c>.
/// </summary>
public sealed class PageTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    private const int Width = 900;
    private const int Height = 760;

    private static readonly TimeSpan ConversionTimeout = TimeSpan.FromSeconds(30);

    // Everything the assertions need, read in one evaluation once the page has settled.
    private const string ReadPage = """
        ({
          state: document.querySelector('#status').dataset.state,
          status: document.querySelector('#status').textContent,
          href: document.querySelector('#download').href,
          download: document.querySelector('#download').getAttribute('download'),
          resultHidden: document.querySelector('#result').hidden,
          error: document.querySelector('#error').hidden ? null : document.querySelector('#error').textContent,
          progress: document.querySelector('#upload-progress').value,
          steps: [...document.querySelectorAll('#steps li')].map((item) => item.dataset.state),
        })
        """;

    [Fact]
    public async Task Page_CsvToJson_ShowsDownloadLink()
    {
        var page = await ConvertOnPageAsync(TestFiles.PeopleCsv, "json", "page-csv-to-json-done.png");

        page.GetProperty("state").GetString().Should().Be("done");
        page.GetProperty("status").GetString().Should().Be("Done: people.json");
        page.GetProperty("download").GetString().Should().Be("people.json");
        page.GetProperty("resultHidden").GetBoolean().Should().BeFalse();
        page.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
        page.GetProperty("progress").GetDouble().Should().Be(100);
        page.GetProperty("steps").EnumerateArray().Select(step => step.GetString()).Should().AllBe("done");
        var href = new Uri(page.GetProperty("href").GetString()!);
        href.AbsoluteUri.Should().StartWith(new Uri(fixture.Sample.Http.BaseAddress!, "storage/results/").AbsoluteUri);
        using var rows = JsonDocument.Parse(await fixture.Sample.DownloadAsync(href));
        rows.RootElement.GetArrayLength().Should().Be(5);
    }

    [Fact]
    public async Task Page_UnsupportedTarget_ShowsApiError()
    {
        var page = await ConvertOnPageAsync(TestFiles.PeopleCsv, "webp", "page-csv-to-webp-failed.png");

        page.GetProperty("state").GetString().Should().Be("failed");
        page.GetProperty("error").GetString().Should().StartWith("unsupported_route: ");
        page.GetProperty("resultHidden").GetBoolean().Should().BeTrue();
        page.GetProperty("steps").EnumerateArray().Select(step => step.GetString())
            .Should().Equal("done", "failed", "pending", "pending");
    }

    [Fact]
    public async Task Page_TargetRejected_ShowsProblemDetail()
    {
        var page = await ConvertOnPageAsync(TestFiles.PeopleCsv, "pdf", "page-csv-to-pdf-rejected.png");

        page.GetProperty("state").GetString().Should().Be("failed");
        page.GetProperty("error").GetString().Should().StartWith("The target format 'pdf' is not allowed.");
        page.GetProperty("steps").EnumerateArray().Select(step => step.GetString())
            .Should().Equal("failed", "pending", "pending", "pending");
    }

    [Fact]
    public async Task Page_DescribeNonJsonUpload_ShowsProblemDetail()
    {
        var page = await fixture.Browser.OpenPageAsync(Width, Height);
        await page.NavigateAsync(fixture.Sample.Http.BaseAddress!);
        await page.WaitUntilAsync("document.readyState === 'complete'", ConversionTimeout);

        var message = await page.EvaluateAsync("""
            fetch('/api/uploads', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'x' })
              .then(describe)
            """);

        message.GetString().Should().StartWith("The request's Content-Type is 'text/plain'.");
    }

    [Fact]
    public async Task Page_Screenshot_IsPngOfViewport()
    {
        await ConvertOnPageAsync(TestFiles.PalettePng, "webp", "page-png-to-webp-done.png");

        using var shot = SKBitmap.Decode(Path.Combine(TestFiles.ScreenshotsFolder(), "page-png-to-webp-done.png"));

        shot.Should().NotBeNull();
        shot.Width.Should().Be(Width);
        shot.Height.Should().Be(Height);
    }

    /// <summary>Picks the file, chooses the target, clicks Convert, waits for the end and keeps a screenshot.</summary>
    private async Task<JsonElement> ConvertOnPageAsync(string file, string target, string screenshotName)
    {
        var page = await fixture.Browser.OpenPageAsync(Width, Height);
        await page.NavigateAsync(fixture.Sample.Http.BaseAddress!);
        await page.WaitUntilAsync(
            "document.readyState === 'complete' && document.querySelectorAll('#target option').length > 0",
            ConversionTimeout);

        await page.SetFileAsync("#file", file);
        // A target the page does not offer is added first, so that the server's rejection can be shown.
        await page.EvaluateAsync($$"""
            (() => {
              const select = document.querySelector('#target');
              const target = {{JsonSerializer.Serialize(target)}};
              if (![...select.options].some((option) => option.value === target)) {
                select.add(new Option(target, target));
              }
              select.value = target;
            })()
            """);
        await page.EvaluateAsync("document.querySelector('#convert').click()");
        await WaitForEndAsync(page);

        var screenshot = await page.ScreenshotAsync();
        await File.WriteAllBytesAsync(Path.Combine(TestFiles.ScreenshotsFolder(), screenshotName), screenshot);
        return await page.EvaluateAsync(ReadPage);
    }

    private static async Task WaitForEndAsync(BrowserPage page)
    {
        try
        {
            await page.WaitUntilAsync(
                "['done', 'failed'].includes(document.querySelector('#status').dataset.state)", ConversionTimeout);
        }
        catch (TimeoutException exception)
        {
            var state = await page.EvaluateAsync(ReadPage);
            throw new TimeoutException($"{exception.Message} The page: {state.GetRawText()}", exception);
        }
    }
}
