using System.Collections.Concurrent;
using System.Text;
using ChangeThisFile.Client.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace ChangeThisFile.Client.Tests.Cases;

/// <summary>
/// File names with non-ASCII characters, quotes, injection attempts, CR LF and great length reach
/// an ASP.NET Core server (Kestrel on 127.0.0.1) as the same name. The only change is the
/// documented one: control characters are removed. No name becomes an RFC 2047 encoded word or
/// an extra parameter.
/// </summary>
public sealed class MultipartFileNameTests : IAsyncLifetime
{
    private static readonly string LongCjkName = string.Concat(Enumerable.Repeat("文档", 148)) + ".pdf";
    private readonly ConcurrentQueue<ReceivedUpload> _received = new();
    private LoopbackServer? _server;

    public static TheoryData<string, string> Names => new()
    {
        { "Résumé – 新建文本文档 (1).pdf", "Résumé – 新建文本文档 (1).pdf" },
        { "report \"final\".pdf", "report \"final\".pdf" },
        { "evil\"; name=\"x.pdf", "evil\"; name=\"x.pdf" },
        { "line one\r\nX-Injected: yes.pdf", "line oneX-Injected: yes.pdf" },
        { "tab\there\u0000.pdf", "tabhere.pdf" },
        { "back\\slash.pdf", "back\\slash.pdf" },
        { "emoji 📄 file.pdf", "emoji 📄 file.pdf" },
        { new string('a', 296) + ".pdf", new string('a', 296) + ".pdf" },
        { LongCjkName, LongCjkName },
    };

    public static TheoryData<string> SentNames
    {
        get
        {
            var names = new TheoryData<string>();
            foreach (var row in Names)
            {
                names.Add((string)row[0]);
            }

            return names;
        }
    }

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(RecordAsync);

    public async Task DisposeAsync() => await _server!.DisposeAsync();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task FileName_ReachesServerIntact(string sent, string expected)
    {
        var received = await UploadAsync(sent);

        received.FormFileName.Should().Be(expected);
        received.FormFieldName.Should().Be("file");
    }

    [Theory]
    [MemberData(nameof(SentNames))]
    public async Task FileName_AddsNoFieldOrHeader(string sent)
    {
        var received = await UploadAsync(sent);

        received.FormKeys.Should().Equal("target");
        received.FileCount.Should().Be(1);
        received.FileSectionHeaders.Should().BeEquivalentTo(new[] { "Content-Disposition", "Content-Type" });
    }

    [Theory]
    [MemberData(nameof(SentNames))]
    public async Task FileName_HeaderIsPlainAscii(string sent)
    {
        var received = await UploadAsync(sent);

        received.RawDisposition.Should().NotContain("=?", "no RFC 2047 encoded word may be sent");
        received.RawDisposition.Should().MatchRegex("^[\\x20-\\x7E]+$");
        received.RawDisposition.Should().Contain("filename*=UTF-8''");
    }

    [Fact]
    public async Task AsciiFallback_ReplacesNonAsciiAndEscapesQuotes()
    {
        var received = await UploadAsync("Résumé \"1\".pdf");

        received.RawDisposition.Should().Contain("filename=\"R_sum_ \\\"1\\\".pdf\"");
        received.RawDisposition.Should().Contain("filename*=UTF-8''R%C3%A9sum%C3%A9%20%221%22.pdf");
    }

    [Fact]
    public void ControlCharactersOnly_IsRejected()
    {
        var create = () => UploadContent.FromBytes(new byte[1], "\r\n\t");

        create.Should().Throw<ArgumentException>().WithMessage("*file name is empty*");
    }

    private async Task<ReceivedUpload> UploadAsync(string fileName)
    {
        using var harness = new ClientHarness(_server!.Url);
        var content = UploadContent.FromBytes("%PDF-1.7"u8.ToArray(), fileName, "application/pdf");

        await harness.Client.SubmitJobAsync(new JobUploadRequest(content, "docx"));

        return _received.Should().ContainSingle().Subject;
    }

    private async Task RecordAsync(HttpContext context)
    {
        context.Request.EnableBuffering();
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        context.Request.Body.Position = 0;
        var contentType = MediaTypeHeaderValue.Parse(context.Request.ContentType);
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value!;
        var reader = new MultipartReader(boundary, context.Request.Body);
        string? rawDisposition = null;
        string[] fileHeaders = [];
        while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
        {
            if (section.ContentDisposition!.Contains("filename", StringComparison.Ordinal))
            {
                rawDisposition = section.ContentDisposition;
                fileHeaders = section.Headers!.Keys.ToArray();
            }
        }

        _received.Enqueue(new ReceivedUpload(
            form.Files.Single().FileName,
            form.Files.Single().Name,
            form.Keys.ToArray(),
            form.Files.Count,
            rawDisposition!,
            fileHeaders));
        context.Response.StatusCode = 202;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(Examples.Read("job-created.json"), Encoding.UTF8, context.RequestAborted);
    }

    private sealed record ReceivedUpload(
        string FormFileName,
        string FormFieldName,
        string[] FormKeys,
        int FileCount,
        string RawDisposition,
        string[] FileSectionHeaders);
}
