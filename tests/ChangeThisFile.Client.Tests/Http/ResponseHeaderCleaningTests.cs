using ChangeThisFile.Client.Http;

namespace ChangeThisFile.Client.Tests.Http;

/// <summary>
/// Header values the client keeps, such as the request id, come back as printable ASCII of at
/// most 200 characters, whatever a server or proxy sends.
/// </summary>
public sealed class ResponseHeaderCleaningTests
{
    [Theory]
    [InlineData("req_123", "req_123")]
    [InlineData("  req_123\t", "req_123")]
    [InlineData("req\u0000_\u00E91\u001B23", "req_123")]
    [InlineData("req_\u2028123\u007F", "req_123")]
    public void RequestId_IsPrintableAscii(string sent, string expected)
    {
        using var response = WithRequestId(sent);

        ResponseHeaders.GetRequestId(response).Should().Be(expected);
    }

    [Fact]
    public void LongRequestId_IsCutTo200Characters()
    {
        using var response = WithRequestId(new string('a', 300));

        ResponseHeaders.GetRequestId(response).Should().Be(new string('a', 200));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("\u0001\u0002")]
    public void BlankRequestId_IsMissing(string sent)
    {
        using var response = WithRequestId(sent);

        ResponseHeaders.GetRequestId(response).Should().BeNull();
    }

    private static HttpResponseMessage WithRequestId(string value)
    {
        var response = new HttpResponseMessage(System.Net.HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("X-Request-Id", value).Should().BeTrue();
        return response;
    }
}
