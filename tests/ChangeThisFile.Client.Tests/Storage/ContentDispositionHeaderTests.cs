using System.Net.Http.Headers;
using ChangeThisFile.Client.Storage;

namespace ChangeThisFile.Client.Tests.Storage;

public sealed class ContentDispositionHeaderTests
{
    [Theory]
    [InlineData("report.pdf", "report.pdf")]
    [InlineData("Résumé – 新建文本文档 (1).pdf", "Résumé – 新建文本文档 (1).pdf")]
    [InlineData("report \"final\".pdf", "report \"final\".pdf")]
    [InlineData("evil\"; name=\"x.pdf", "evil\"; name=\"x.pdf")]
    [InlineData("line\r\nbreak.pdf", "line__break.pdf")]
    [InlineData("../../etc/passwd", ".._.._etc_passwd")]
    [InlineData("   ", "download")]
    public void Attachment_FileName_ParsesBackToSafeName(string fileName, string expected)
    {
        var value = ContentDispositionHeader.Attachment(fileName);

        var parsed = ContentDispositionHeaderValue.Parse(value);
        parsed.DispositionType.Should().Be("attachment");
        parsed.FileNameStar.Should().Be(expected);
        parsed.Parameters.Should().HaveCount(2, "no parameter may be injected");
        value.Should().NotContainAny("\r", "\n");
    }

    [Fact]
    public void Attachment_NonAsciiName_HasAsciiFallback()
    {
        var value = ContentDispositionHeader.Attachment("Résumé.pdf");

        ContentDispositionHeaderValue.Parse(value).FileName.Should().Be("R_sum_.pdf");
    }
}
