using System.Net;
using ChangeThisFile.Client.Http;
using ChangeThisFile.Client.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Client.Tests.Downloads;

/// <summary>
/// Result URLs can come from forged webhook payloads: off the API's origin a download must use
/// https and reach only public addresses, unless the host is trusted. Rejections happen before
/// any connection.
/// </summary>
public sealed class DownloadUrlSafetyTests : IAsyncLifetime
{
    private readonly List<string> _paths = [];
    private LoopbackServer? _api;
    private LoopbackServer? _storage;

    public async Task InitializeAsync()
    {
        _api = await LoopbackServer.StartAsync(context => ServeAsync(context, "api"));
        _storage = await LoopbackServer.StartAsync(context => ServeAsync(context, "storage"));
    }

    public async Task DisposeAsync()
    {
        await _api!.DisposeAsync();
        await _storage!.DisposeAsync();
    }

    public static TheoryData<string, DownloadUrlRejectionReason> UnsafeUrls => new()
    {
        { "http://10.0.0.1/x", DownloadUrlRejectionReason.InsecureScheme },
        { "http://files.example.com/out/a.webp?sig=1", DownloadUrlRejectionReason.InsecureScheme },
        { "https://10.0.0.1/x", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://172.16.5.4/x", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://192.168.1.1/x", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://127.0.0.1:1/x", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://169.254.169.254/latest/meta-data/", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://100.64.0.1/x", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://0.0.0.0/x", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://[::1]/x", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://[fd12:3456::1]/x", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://[fe80::1]/x", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://[::ffff:10.0.0.1]/x", DownloadUrlRejectionReason.NonPublicAddress },
        { "https://localhost/x", DownloadUrlRejectionReason.NonPublicAddress },
        { "ftp://files.example.com/x", DownloadUrlRejectionReason.InvalidUrl },
        { "file:///etc/passwd", DownloadUrlRejectionReason.InvalidUrl },
    };

    [Theory]
    [MemberData(nameof(UnsafeUrls))]
    public async Task UnsafeUrl_IsRejectedBeforeConnecting(string url, DownloadUrlRejectionReason reason)
    {
        using var harness = new ClientHarness(_api!.Url);

        var thrown = await harness.Client.Invoking(client => client.DownloadAsync(new Uri(url), Stream.Null))
            .Should().ThrowAsync<DownloadUrlRejectedException>();

        thrown.Which.Reason.Should().Be(reason);
        thrown.Which.Message.Should().Contain("TrustedDownloadHosts").And.NotContain("sig=1");
        harness.Hosts.Should().BeEmpty();
    }

    [Fact]
    public async Task OtherLoopbackPort_IsRejected()
    {
        using var harness = new ClientHarness(_api!.Url);
        var url = new Uri($"https://127.0.0.1:{_storage!.Url.Port}/out/a.webp");

        var thrown = await harness.Client.Invoking(client => client.DownloadAsync(url, Stream.Null))
            .Should().ThrowAsync<DownloadUrlRejectedException>();

        thrown.Which.Reason.Should().Be(DownloadUrlRejectionReason.NonPublicAddress);
        thrown.Which.Message.Should().Contain("127.0.0.1");
        _paths.Should().BeEmpty();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TrustedLoopbackHost_IsDownloaded(bool withPort)
    {
        var entry = withPort ? _storage!.Url.Authority : "127.0.0.1";
        using var harness = new ClientHarness(_api!.Url, options => options.TrustedDownloadHosts.Add(entry));
        using var destination = new MemoryStream();

        var result = await harness.Client.DownloadAsync(new Uri(_storage!.Url, "out/a.webp"), destination);

        result.BytesWritten.Should().Be("storage".Length);
        _paths.Should().Equal("storage /out/a.webp");
    }

    [Fact]
    public async Task TrustedHostOnOtherPort_IsRejected()
    {
        using var harness = new ClientHarness(_api!.Url, options => options.TrustedDownloadHosts.Add("127.0.0.1:1"));

        await harness.Client.Invoking(client => client.DownloadAsync(new Uri(_storage!.Url, "out/a.webp"), Stream.Null))
            .Should().ThrowAsync<DownloadUrlRejectedException>();

        _paths.Should().BeEmpty();
    }

    [Fact]
    public async Task ApiOrigin_NeedsNoTrust()
    {
        using var harness = new ClientHarness(_api!.Url);
        using var destination = new MemoryStream();

        await harness.Client.DownloadAsync(new Uri(_api.Url, "v1/jobs/download/token"), destination);

        _paths.Should().Equal("api /v1/jobs/download/token");
    }

    [Fact]
    public async Task ApiOrigin_ForgedAccountUrl_GetsNoApiKey()
    {
        using var harness = new ClientHarness(_api!.Url);

        await harness.Client.DownloadAsync(new Uri(_api.Url, "v1/usage"), Stream.Null);

        _paths.Should().ContainSingle().Which.Should()
            .Be("api /v1/usage", "a forged result URL must not read account data with our key");
    }

    [Fact]
    public async Task RedirectToPrivateAddress_IsRejected()
    {
        using var harness = new ClientHarness(_api!.Url);

        var thrown = await harness.Client
            .Invoking(client => client.DownloadAsync(new Uri(_api.Url, "redirect?to=http://10.0.0.1/x"), Stream.Null))
            .Should().ThrowAsync<DownloadUrlRejectedException>();

        thrown.Which.Url.Should().Be("http://10.0.0.1/x");
        harness.Hosts.Should().Equal("127.0.0.1");
    }

    [Fact]
    public async Task RedirectToTrustedStorage_SendsNoApiKey()
    {
        using var harness = new ClientHarness(
            _api!.Url, options => options.TrustedDownloadHosts.Add(_storage!.Url.Authority));
        var target = new Uri(_storage!.Url, "out/a.webp?sig=abc");
        var redirect = new Uri(_api.Url, "redirect?to=" + Uri.EscapeDataString(target.AbsoluteUri));

        await harness.Client.DownloadAsync(redirect, Stream.Null);

        _paths.Should().Equal("api /redirect auth=no", "storage /out/a.webp");
    }

    [Fact]
    public async Task HostResolvingToPrivateAddress_IsRejected()
    {
        using var harness = new ClientHarness(_api!.Url, services: services => services.AddSingleton(
            new DownloadUrlGuard((_, _) => Task.FromResult(
                new[] { IPAddress.Parse("93.184.216.34"), IPAddress.Parse("10.1.2.3") }))));

        var thrown = await harness.Client
            .Invoking(client => client.DownloadAsync(new Uri("https://files.example.com/out/a.webp"), Stream.Null))
            .Should().ThrowAsync<DownloadUrlRejectedException>();

        thrown.Which.Reason.Should().Be(DownloadUrlRejectionReason.NonPublicAddress);
        thrown.Which.Message.Should().Contain("10.1.2.3");
        harness.Hosts.Should().BeEmpty();
    }

    [Fact]
    public async Task UnresolvableHost_IsRejected()
    {
        using var harness = new ClientHarness(_api!.Url, services: services => services.AddSingleton(
            new DownloadUrlGuard((_, _) => Task.FromResult(Array.Empty<IPAddress>()))));

        var thrown = await harness.Client
            .Invoking(client => client.DownloadAsync(new Uri("https://nowhere.example.com/a"), Stream.Null))
            .Should().ThrowAsync<DownloadUrlRejectedException>();

        thrown.Which.Reason.Should().Be(DownloadUrlRejectionReason.UnresolvableHost);
    }

    [Fact]
    public async Task PublicHttpsHost_PassesCheck()
    {
        using var harness = new ClientHarness(_api!.Url, services: services => services.AddSingleton(
            new DownloadUrlGuard((_, _) => Task.FromResult(new[] { IPAddress.Parse("93.184.216.34") }))));

        // The test's loopback guard stops the request that the URL check let through.
        await harness.Client
            .Invoking(client => client.DownloadAsync(new Uri("https://files.example.com/out/a.webp"), Stream.Null))
            .Should().ThrowAsync<InvalidOperationException>().WithMessage("*may reach only 127.0.0.1*");

        harness.Hosts.Should().Equal("files.example.com");
    }

    [Fact]
    public async Task Connection_ToNonPublicAddress_IsRefused()
    {
        // A host name may resolve to a public address when checked and to an internal one when
        // connecting. The primary handler therefore checks the addresses it connects to as well.
        var services = new ServiceCollection();
        services.AddConversionClient(options =>
        {
            options.BaseAddress = _api!.Url;
            options.ApiKey = ClientHarness.ApiKey;
            options.MaxRetryAttempts = 0;
        });
        await using var provider = services.BuildServiceProvider();
        var httpClient = provider.GetRequiredService<IHttpClientFactory>().CreateClient("ChangeThisFile.Client");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://localhost:{_storage!.Url.Port}/out/a.webp");
        var context = new ConversionRequestContext
        {
            Operation = "Download",
            Kind = RequestKind.Download,
            IsIdempotent = true,
        };
        context.AttachTo(request);

        var send = () => httpClient.SendAsync(request);

        await send.Should().ThrowAsync<HttpRequestException>().WithMessage("*only to non-public addresses*");
        _paths.Should().BeEmpty();
    }

    private async Task ServeAsync(HttpContext context, string server)
    {
        var path = context.Request.Path.Value!;
        if (path == "/redirect")
        {
            lock (_paths)
            {
                _paths.Add($"{server} {path} auth={(context.Request.Headers.Authorization.Count > 0 ? "yes" : "no")}");
            }

            context.Response.StatusCode = 302;
            context.Response.Headers.Location = context.Request.Query["to"].ToString();
            return;
        }

        lock (_paths)
        {
            _paths.Add($"{server} {path}" + (context.Request.Headers.Authorization.Count > 0 ? " auth=LEAKED" : ""));
        }

        await context.Response.WriteAsync(server, context.RequestAborted);
    }
}
