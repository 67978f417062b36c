using System.Net;
using System.Text;
using ChangeThisFile.Emulator.Tests.Infrastructure;

namespace ChangeThisFile.Emulator.Tests;

public sealed class MarkdownConversionTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private const string Markdown = """
        # Release notes

        Some **bold** text and a [link](https://example.com/docs).

        - first
        - second

        | Format | Lossy |
        | ------ | ----- |
        | jpg    | yes   |
        """;

    [Fact]
    public async Task Convert_MarkdownToHtml_RendersElements()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync(Encoding.UTF8.GetBytes(Markdown), "notes <v2>.md", "html");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().StartWith("<!DOCTYPE html>");
        html.Should().Contain("<title>notes &lt;v2&gt;</title>");
        html.Should().Contain("<h1 id=\"release-notes\">Release notes</h1>");
        html.Should().Contain("<strong>bold</strong>");
        html.Should().Contain("<a href=\"https://example.com/docs\">link</a>");
        html.Should().Contain("<li>second</li>");
        html.Should().Contain("<td>jpg</td>");
    }

    [Fact]
    public async Task Convert_HtmlToMarkdown_Returns422UnsupportedRoute()
    {
        using var api = EmulatorApi.For(fixture.Emulator);

        using var response = await api.ConvertAsync("<p>x</p>"u8.ToArray(), "page.html", "md");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var error = await EmulatorApi.ErrorAsync(response);
        error.Code.Should().Be("unsupported_route");
        error.Details!.Value.GetProperty("route").GetString().Should().Be("html->md");
    }
}
