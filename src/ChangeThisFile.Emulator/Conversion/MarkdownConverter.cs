using System.Net;
using System.Text;
using Markdig;

namespace ChangeThisFile.Emulator.Conversion;

/// <summary>
/// Renders Markdown (CommonMark with Markdig's advanced extensions: tables, task lists,
/// footnotes and more) as a complete HTML5 document titled with the input's base name.
/// </summary>
internal static class MarkdownConverter
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static void Convert(Stream input, string title, Stream output)
    {
        string markdown;
        using (var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            markdown = reader.ReadToEnd();
        }

        var body = Markdown.ToHtml(markdown, Pipeline);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        writer.Write("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>");
        writer.Write(WebUtility.HtmlEncode(title));
        writer.Write("</title>\n</head>\n<body>\n");
        writer.Write(body);
        writer.Write("</body>\n</html>\n");
    }
}
