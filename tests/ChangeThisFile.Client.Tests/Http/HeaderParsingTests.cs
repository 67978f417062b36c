using System.Net;
using ChangeThisFile.Client.Http;

namespace ChangeThisFile.Client.Tests.Http;

/// <summary>The pure parsing and encoding helpers behind the client's headers.</summary>
public sealed class HeaderParsingTests
{
    [Theory]
    [InlineData("report.pdf", "filename=\"report.pdf\"; filename*=UTF-8''report.pdf")]
    [InlineData("Résumé.pdf", "filename=\"R_sum_.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf")]
    [InlineData("a \"b\".pdf", "filename=\"a \\\"b\\\".pdf\"; filename*=UTF-8''a%20%22b%22.pdf")]
    [InlineData("back\\slash.pdf", "filename=\"back\\\\slash.pdf\"; filename*=UTF-8''back%5Cslash.pdf")]
    [InlineData("📄.pdf", "filename=\"_.pdf\"; filename*=UTF-8''%F0%9F%93%84.pdf")]
    [InlineData("x;y=z'1.pdf", "filename=\"x;y=z'1.pdf\"; filename*=UTF-8''x%3By%3Dz%271.pdf")]
    public void FileName_IsEncodedForDisposition(string name, string expected)
    {
        var parameters = UploadFileName.ToDispositionParameters(UploadFileName.Validate(name));

        parameters.Should().Be(expected);
    }

    [Theory]
    [InlineData("a\r\nb.pdf", "ab.pdf")]
    [InlineData("\u0085tab\t.pdf", "tab.pdf")]
    [InlineData("plain.pdf", "plain.pdf")]
    public void FileName_LosesControlCharacters(string name, string expected)
    {
        UploadFileName.Validate(name).Should().Be(expected);
    }

    [Theory]
    [InlineData("212ms", 212.0)]
    [InlineData("212 ms", 212.0)]
    [InlineData("1.5s", 1500.0)]
    [InlineData("640", 640.0)]
    [InlineData("garbage", null)]
    [InlineData("-5ms", null)]
    public void ConversionTime_IsParsed(string header, double? milliseconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-Conversion-Time", header);

        var parsed = ResponseHeaders.GetConversionTime(response);

        parsed.Should().Be(milliseconds is { } value ? TimeSpan.FromMilliseconds(value) : null);
    }

    [Theory]
    [InlineData("attachment; filename=\"diagram.webp\"", "diagram.webp")]
    [InlineData("attachment; filename*=UTF-8''R%C3%A9sum%C3%A9.pdf; filename=\"R_sum_.pdf\"", "Résumé.pdf")]
    [InlineData("attachment; filename=\"../../etc/passwd\"", "passwd")]
    [InlineData("attachment; filename=\"C:\\\\temp\\\\x.pdf\"", "x.pdf")]
    [InlineData("attachment; filename=\"..\"", null)]
    [InlineData("attachment", null)]
    public void DispositionFileName_LosesDirectories(string header, string? expected)
    {
        using var content = new ByteArrayContent([]);
        content.Headers.TryAddWithoutValidation("Content-Disposition", header);

        ResponseHeaders.GetFileName(content.Headers).Should().Be(expected);
    }

    [Theory]
    [InlineData("<https://a/v1/jobs?cursor=2>; rel=\"next\"", "https://a/v1/jobs?cursor=2")]
    [InlineData("</v1/jobs?c=1>; rel=\"prev\", </v1/jobs?c=3>; rel=\"next\"", "/v1/jobs?c=3")]
    [InlineData("</v1/jobs?a=1,2>; rel=\"prev next\"", "/v1/jobs?a=1,2")]
    [InlineData("</x>; REL=next", "/x")]
    [InlineData("</x>; rel=\"prev\"", null)]
    [InlineData("garbage", null)]
    [InlineData("<unterminated; rel=next", null)]
    public void LinkHeader_FindsNext(string header, string? expected)
    {
        LinkHeader.FindNext(header).Should().Be(expected);
    }

    [Theory]
    [InlineData("files.example.com", "files.example.com", null)]
    [InlineData("127.0.0.1:9000", "127.0.0.1", 9000)]
    [InlineData("[::1]:9000", "::1", 9000)]
    [InlineData("[::1]", "::1", null)]
    [InlineData("Storage.Internal:443", "storage.internal", 443)]
    public void TrustedHost_IsParsed(string entry, string host, int? port)
    {
        TrustedHosts.TryParse(entry, out var parsedHost, out var parsedPort).Should().BeTrue();

        parsedHost.Should().Be(host);
        parsedPort.Should().Be(port);
    }

    [Theory]
    [InlineData("[::1]:9000", "http://[::1]:9000/x", true)]
    [InlineData("[::1]", "https://[::1]/x", true)]
    [InlineData("127.0.0.1:9000", "http://127.0.0.1:9001/x", false)]
    [InlineData("files.example.com", "https://FILES.example.com:8443/x", true)]
    [InlineData("files.example.com", "https://files.example.com.evil.test/x", false)]
    public void TrustedHost_MatchesUrl(string entry, string url, bool expected)
    {
        TrustedHosts.Contains([entry], new Uri(url)).Should().Be(expected);
    }

    [Theory]
    [InlineData("https://files.example.com")]
    [InlineData("files.example.com/out")]
    [InlineData("user@files.example.com")]
    [InlineData("files.example.com:notaport")]
    [InlineData("")]
    [InlineData("::1")]
    public void TrustedHost_RejectsNonHost(string entry)
    {
        TrustedHosts.TryParse(entry, out _, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("see ctf_sk_abc123 here", null, "see ctf_sk_[redacted] here")]
    [InlineData("whsec_XYZ-1_2.", null, "whsec_[redacted].")]
    [InlineData("key=mykey99!", "mykey99", "key=[redacted]!")]
    [InlineData("nothing secret", "k", "nothing secret")]
    public void SecretRedaction_RemovesKeys(string text, string? apiKey, string expected)
    {
        SecretRedaction.Redact(text, apiKey).Should().Be(expected);
    }
}
