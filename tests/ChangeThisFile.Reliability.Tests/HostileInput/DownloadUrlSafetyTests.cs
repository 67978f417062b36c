using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ChangeThisFile.Client;
using ChangeThisFile.Client.Webhooks;
using ChangeThisFile.Reliability.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace ChangeThisFile.Reliability.Tests.HostileInput;

/// <summary>
/// A result URL comes from a webhook payload or a job response, so a forged or compromised payload
/// decides where the client connects. Off the API's origin, the client downloads only over https
/// from public addresses, unless the host is on its allow-list. Redirects are checked hop by hop.
/// Every test reaches 127.0.0.1 only: the client's innermost handler rejects any other host.
/// </summary>
public sealed class DownloadUrlSafetyTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> _served = new();
    private KestrelServer _api = null!;
    private KestrelServer _storage = null!;
    private KestrelServer _other = null!;

    public async Task InitializeAsync()
    {
        _api = await KestrelServer.StartAsync(context => ServeAsync(context, "api"));
        _storage = await KestrelServer.StartAsync(context => ServeAsync(context, "storage"));
        _other = await KestrelServer.StartAsync(context => ServeAsync(context, "other"));
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _storage.DisposeAsync();
        await _other.DisposeAsync();
    }

    public static TheoryData<string, DownloadUrlRejectionReason> UnsafeUrls => new()
    {
        { "http://files.example.test/out/a.webp?sig=leak", DownloadUrlRejectionReason.InsecureScheme },
        { "http://169.254.169.254/latest/meta-data/", DownloadUrlRejectionReason.InsecureScheme },
        { "ftp://files.example.test/out/a.webp", DownloadUrlRejectionReason.InvalidUrl },
        { "file:///etc/passwd", DownloadUrlRejectionReason.InvalidUrl },
        { "gopher://127.0.0.1:6379/_INFO", DownloadUrlRejectionReason.InvalidUrl },
        { "data:text/plain;base64,aGk=", DownloadUrlRejectionReason.InvalidUrl },
        { "https://10.1.2.3/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://172.31.255.254/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://192.168.0.1/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://127.0.0.1/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://127.255.255.254/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://2130706433/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://0x7f.0.0.1/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://localhost/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://169.254.169.254/latest/meta-data/iam", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://169.254.0.1/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://100.64.0.1/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://100.127.255.254/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://0.0.0.0/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://255.255.255.255/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://224.0.0.1/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://240.0.0.1/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://[::1]/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://[::]/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://[fe80::1]/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://[fc00::1]/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://[fd00:ec2::254]/latest/meta-data/", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://[::ffff:127.0.0.1]/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://[::ffff:a9fe:a9fe]/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://[::ffff:100.64.0.1]/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://[64:ff9b::a9fe:a9fe]/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://[2002:a9fe:a9fe::1]/out", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://files.example.test@10.0.0.1/out", DownloadUrlRejectionReason.NonPublicAddress },
    };

    [Theory]
    [MemberData(nameof(UnsafeUrls))]
    public async Task UnsafeUrl_RejectedBeforeAnyConnection(string url, DownloadUrlRejectionReason reason)
    {
        await using var client = Client();

        var thrown = await client.Client.Invoking(c => c.DownloadAsync(new Uri(url), Stream.Null))
            .Should().ThrowAsync<DownloadUrlRejectedException>();

        thrown.Which.Reason.Should().Be(reason);
        thrown.Which.Message.Should().Contain("TrustedDownloadHosts").And.NotContain("sig=leak");
        client.Attempts.Should().BeEmpty();
        client.Connections.Opened.Should().Be(0);
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/iam/security-credentials/")]
    [InlineData("http://10.0.0.5/internal/admin")]
    [InlineData("https://[::ffff:169.254.169.254]/latest/api/token")]
    public async Task SignedWebhook_ForgedResultUrl_IsNotFetched(string resultUrl)
    {
        var body = Encoding.UTF8.GetBytes(
            "{\"event\":\"job.completed\",\"data\":{\"job_id\":\"job-9\",\"status\":\"completed\"," +
            "\"result\":{\"file_url\":\"" + resultUrl + "\",\"size\":10}}}");
        const string secret = "whsec_known_to_an_attacker";
        var header = WebhookSigner.CreateSignatureHeader(secret, body, DateTimeOffset.UtcNow);
        var verifier = new WebhookSignatureVerifier(new WebhookVerificationOptions { Secrets = [secret] });
        var webhookEvent = verifier.VerifyAndParse(body, header).Event!;
        await using var client = Client();

        var download = () => client.Client.DownloadAsync(new Uri(webhookEvent.ResultUrl!), Stream.Null);

        await download.Should().ThrowAsync<DownloadUrlRejectedException>();
        client.Attempts.Should().BeEmpty();
    }

    [Fact]
    public async Task AllowList_TrustsOneHostAndPort()
    {
        await using var client = Client(_storage.BaseAddress.Authority);
        using var output = new MemoryStream();
        var port = _storage.BaseAddress.Port;

        await client.Client.DownloadAsync(new Uri(_storage.BaseAddress, "out/a.webp"), output);

        Encoding.UTF8.GetString(output.ToArray()).Should().Be("storage");
        foreach (var other in new[]
        {
            new Uri(_other.BaseAddress, "out/a.webp"),
            new Uri($"http://localhost:{port}/out/a.webp"),
            new Uri($"http://[::1]:{port}/out/a.webp"),
            new Uri($"http://127.0.0.2:{port}/out/a.webp"),
            new Uri($"http://[::ffff:127.0.0.1]:{port}/out/a.webp"),
        })
        {
            await client.Client.Invoking(c => c.DownloadAsync(other, Stream.Null))
                .Should().ThrowAsync<DownloadUrlRejectedException>(other.ToString());
        }

        _served.Should().Equal("storage /out/a.webp auth=no");
    }

    public static TheoryData<string> PrivateRedirectTargets => new()
    {
        "http://10.0.0.1/x",
        "https://169.254.169.254/latest/meta-data/",
        "//192.168.1.1/x",
        "http://localhost:{other}/out/a.webp",
        "http://127.0.0.1:{other}/out/a.webp",
        "https://[fd00::1]/x",
        "file:///etc/passwd",
    };

    [Theory]
    [MemberData(nameof(PrivateRedirectTargets))]
    public async Task TrustedHost_RedirectToPrivateAddress_IsRejected(string target)
    {
        await using var client = Client(_storage.BaseAddress.Authority);
        var otherPort = _other.BaseAddress.Port.ToString(CultureInfo.InvariantCulture);
        var location = target.Replace("{other}", otherPort, StringComparison.Ordinal);
        var url = new Uri(_storage.BaseAddress, "redirect?to=" + Uri.EscapeDataString(location));

        await client.Client.Invoking(c => c.DownloadAsync(url, Stream.Null))
            .Should().ThrowAsync<DownloadUrlRejectedException>();

        _served.Should().Equal("storage /redirect auth=no");
        client.Attempts.Select(attempt => attempt.Url.Authority).Should().Equal(_storage.BaseAddress.Authority);
    }

    [Fact]
    public async Task RedirectLoop_StopsAfterFiveHops()
    {
        await using var client = Client(_storage.BaseAddress.Authority);
        var url = new Uri(_storage.BaseAddress, "loop");

        var thrown = await client.Client.Invoking(c => c.DownloadAsync(url, Stream.Null))
            .Should().ThrowAsync<ConversionApiException>();

        thrown.Which.StatusCode.Should().Be(System.Net.HttpStatusCode.Found);
        client.Attempts.Should().HaveCount(6);
    }

    [Fact]
    public async Task RedirectFromApiToTrustedStorage_SendsNoApiKeyToEither()
    {
        await using var client = Client(_storage.BaseAddress.Authority);
        var target = new Uri(_storage.BaseAddress, "out/a.webp?sig=abc");
        var url = new Uri(_api.BaseAddress, "redirect?to=" + Uri.EscapeDataString(target.AbsoluteUri));

        await client.Client.DownloadAsync(url, Stream.Null);

        // Result URLs are signed, so the key is never needed and never sent, even to the API's host.
        _served.Should().Equal("api /redirect auth=no", "storage /out/a.webp auth=no");
    }

    private MatrixClient Client(string? trustedHost = null) =>
        new(_api.BaseAddress, new TestClock(), configure: options =>
        {
            if (trustedHost is not null)
            {
                options.TrustedDownloadHosts.Add(trustedHost);
            }
        });

    private async Task ServeAsync(HttpContext context, string server)
    {
        var path = context.Request.Path.Value!;
        _served.Enqueue($"{server} {path} auth={(context.Request.Headers.Authorization.Count > 0 ? "yes" : "no")}");
        if (path == "/redirect")
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = context.Request.Query["to"].ToString();
            return;
        }

        if (path == "/loop")
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = "/loop";
            return;
        }

        await context.Response.WriteAsync(server, context.RequestAborted);
    }
}
