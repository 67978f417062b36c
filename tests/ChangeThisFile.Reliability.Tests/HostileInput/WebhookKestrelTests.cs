using System.Globalization;
using System.Net;
using System.Text;
using ChangeThisFile.Client.Webhooks;
using ChangeThisFile.Reliability.Tests.Infrastructure;

namespace ChangeThisFile.Reliability.Tests.HostileInput;

/// <summary>
/// The webhook endpoint on real Kestrel against senders that misbehave on the wire: bodies
/// trickled byte by byte, repeated and conflicting headers, folded lines. Each gets a 4xx, never
/// a 5xx, and never reaches the handler. No response and no log record carries the secret. The
/// signature and signed query strings stay out of responses and production logs, which leave
/// out Kestrel's Debug records of bad requests, because those quote the request bytes.
/// </summary>
public sealed class WebhookKestrelTests
{
    private static readonly TimeSpan BodyReadTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan TrickleInterval = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task SlowBodySender_Gets408AndIsDisconnected()
    {
        await using var host = await WebhookHost.StartAsync(BodyReadTimeout);
        var body = CompletedBody("job-slow");
        using var connection = await RawHttpConnection.OpenAsync(host.Port);
        await connection.WriteAsync(Head(body.Length, Sign(body)));
        using var stop = new CancellationTokenSource();
        var trickle = TrickleAsync(connection, body, stop.Token);

        var response = await connection.ReadResponseAsync();
        var closed = await connection.WaitForServerCloseAsync();
        await stop.CancelAsync();
        await trickle;

        response.StatusCode.Should().Be(408);
        closed.Should().BeTrue("a sender that trickles its body must not keep the connection");
        host.Events.Should().BeEmpty();
    }

    [Fact]
    public async Task ManySlowSenders_DoNotDelayRealDelivery()
    {
        await using var host = await WebhookHost.StartAsync(BodyReadTimeout);
        using var stop = new CancellationTokenSource();
        var slow = new List<(RawHttpConnection Connection, Task Trickle)>();
        for (var i = 0; i < 16; i++)
        {
            var body = CompletedBody($"job-slow-{i}");
            var connection = await RawHttpConnection.OpenAsync(host.Port);
            await connection.WriteAsync(Head(body.Length, Sign(body)));
            slow.Add((connection, TrickleAsync(connection, body, stop.Token)));
        }

        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        using var delivered = await http.SendAsync(SignedRequest(CompletedBody("job-real")));
        var slowStatuses = new List<int>();
        foreach (var (connection, _) in slow)
        {
            slowStatuses.Add((await connection.ReadResponseAsync()).StatusCode);
        }

        await stop.CancelAsync();
        await Task.WhenAll(slow.Select(s => s.Trickle));
        slow.ForEach(s => s.Connection.Dispose());
        delivered.StatusCode.Should().Be(HttpStatusCode.OK);
        slowStatuses.Should().AllBeEquivalentTo(408);
        host.Events.Select(e => e.JobId).Should().Equal("job-real");
    }

    public static TheoryData<string, int> WireCases => new()
    {
        { "conflicting-content-length", 400 },
        { "signature-twice-other-case", 400 },
        { "signature-valid-and-empty", 400 },
        { "signatures-comma-joined", 400 },
        { "folded-signature-line", 400 },
        { "too-many-headers", 431 },
        { "oversized-header-line", 431 },
    };

    [Theory]
    [MemberData(nameof(WireCases))]
    public async Task MalformedHeaders_Get4xxAndNeverReachHandler(string name, int status)
    {
        await using var host = await WebhookHost.StartAsync(BodyReadTimeout);
        var body = CompletedBody("job-" + name);
        var signature = Sign(body);

        var response = await RawHttpConnection.SendAsync(host.Port, WireHead(name, body.Length, signature), body);

        response.StatusCode.Should().Be(status, name);
        host.Events.Should().BeEmpty();
        response.Text.Should().NotContain(WebhookHost.Secret);
        host.AllLogText().Should().NotContain(WebhookHost.Secret);
        host.ProductionLogText().Should().NotContain(SignatureHex(signature));
    }

    [Fact]
    public async Task ChunkedWithContentLength_VerifiesChunkedBodyOnly()
    {
        await using var host = await WebhookHost.StartAsync(BodyReadTimeout);
        var body = CompletedBody("job-chunked");
        var head = RawHttpConnection.Head(WebhookHost.Path,
        [
            ("Content-Type", "application/json"),
            ("Content-Length", "5"),
            ("Transfer-Encoding", "chunked"),
            (WebhookHeaders.Signature, Sign(body)),
        ]);
        var chunked = Encoding.Latin1.GetBytes(body.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n")
            .Concat(body).Concat("\r\n0\r\n\r\n"u8.ToArray()).ToArray();

        var response = await RawHttpConnection.SendAsync(host.Port, head, chunked);

        // Kestrel reads the chunked body, ignores the length, and closes the connection after the
        // response, so no bytes can be smuggled into a second request.
        response.StatusCode.Should().Be(200);
        response.Text.Should().Contain("Connection: close");
        host.Events.Should().ContainSingle().Which.JobId.Should().Be("job-chunked");
    }

    [Fact]
    public async Task EventHeaderContradictingBody_BodyDecides()
    {
        await using var host = await WebhookHost.StartAsync(BodyReadTimeout);
        var body = CompletedBody("job-event-header");
        var head = RawHttpConnection.Head(WebhookHost.Path,
        [
            ("Content-Type", "application/json"),
            ("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)),
            (WebhookHeaders.Event, "job.failed"),
            (WebhookHeaders.Event, "webhook.test"),
            (WebhookHeaders.Signature, Sign(body)),
        ]);

        var response = await RawHttpConnection.SendAsync(host.Port, head, body);

        response.StatusCode.Should().Be(200);
        host.Events.Should().ContainSingle().Which.Type.Should().Be(WebhookEventType.JobCompleted);
    }

    [Fact]
    public async Task HostileDeliveries_LeakNoSecret()
    {
        await using var host = await WebhookHost.StartAsync(BodyReadTimeout);
        var body = CompletedBody("job-leak");
        var valid = Sign(body);
        var texts = new List<string>();
        using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        string[] hostileHeaders =
        [
            WebhookSigner.CreateSignatureHeader(WebhookHost.Secret, body, DateTimeOffset.UtcNow.AddHours(-2)),
            WebhookSigner.CreateSignatureHeader("whsec_wrong_secret", body, DateTimeOffset.UtcNow),
            WebhookSigner.CreateLegacySignatureHeader(WebhookHost.Secret, body),
            valid + ",t=1",
            valid.Replace("v1=", "v1=00", StringComparison.Ordinal),
        ];

        foreach (var header in hostileHeaders)
        {
            using var response = await http.SendAsync(SignedRequest(body, header));
            texts.Add(await response.Content.ReadAsStringAsync());
            ((int)response.StatusCode).Should().BeInRange(400, 499, header);
        }

        using var garbage = await http.SendAsync(SignedRequest("{\"event\":"u8.ToArray()));
        texts.Add(await garbage.Content.ReadAsStringAsync());
        foreach (var name in WireCases.Select(row => (string)row[0]))
        {
            texts.Add((await RawHttpConnection.SendAsync(host.Port, WireHead(name, body.Length, valid), body)).Text);
        }

        using var accepted = await http.SendAsync(SignedRequest(body, valid));
        texts.Add(await accepted.Content.ReadAsStringAsync());
        texts.Add(host.ProductionLogText());
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        ((int)garbage.StatusCode).Should().BeInRange(400, 499);
        host.AllLogText().Should().NotContain(WebhookHost.Secret).And.NotContain("s3cr3t");
        foreach (var text in texts)
        {
            text.Should().NotContain(WebhookHost.Secret);
            text.Should().NotContain(SignatureHex(valid));
            text.Should().NotContain("s3cr3t");
        }
    }

    private static byte[] CompletedBody(string jobId) => Encoding.UTF8.GetBytes(
        "{\"event\":\"job.completed\",\"data\":{\"job_id\":\"" + jobId + "\",\"status\":\"completed\"," +
        "\"result\":{\"file_url\":\"https://files.example.test/out/a.pdf?expires=1&sig=s3cr3t\",\"size\":5}," +
        "\"metadata\":{\"file_id\":\"f-1\"}}}");

    private static string Sign(byte[] body) =>
        WebhookSigner.CreateSignatureHeader(WebhookHost.Secret, body, DateTimeOffset.UtcNow);

    private static string SignatureHex(string header) =>
        header[(header.IndexOf("v1=", StringComparison.Ordinal) + 3)..];

    private static HttpRequestMessage SignedRequest(byte[] body, string? header = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, WebhookHost.Path)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Signature, header ?? Sign(body));
        return request;
    }

    private static byte[] Head(int contentLength, string signature) => Encoding.Latin1.GetBytes(
        RawHttpConnection.Head(WebhookHost.Path,
        [
            ("Content-Type", "application/json"),
            ("Content-Length", contentLength.ToString(CultureInfo.InvariantCulture)),
            (WebhookHeaders.Signature, signature),
        ]));

    /// <summary>Sends one byte per interval until stopped or until the server stops reading.</summary>
    private static async Task TrickleAsync(RawHttpConnection connection, byte[] body, CancellationToken stop)
    {
        try
        {
            foreach (var b in body)
            {
                await connection.WriteAsync([b]);
                await Task.Delay(TrickleInterval, stop);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            // Stopped by the test, or the server closed the connection.
        }
    }

    private static string WireHead(string name, int length, string signature)
    {
        var size = length.ToString(CultureInfo.InvariantCulture);
        var otherSize = (length + 1).ToString(CultureInfo.InvariantCulture);
        var comma = signature.IndexOf(',', StringComparison.Ordinal);
        List<(string, string)> headers = [("Content-Type", "application/json"), ("Content-Length", size)];
        switch (name)
        {
            case "conflicting-content-length":
                headers.Add(("Content-Length", otherSize));
                headers.Add((WebhookHeaders.Signature, signature));
                break;
            case "signature-twice-other-case":
                headers.Add((WebhookHeaders.Signature, signature));
                headers.Add(("x-ctf-signature", signature));
                break;
            case "signature-valid-and-empty":
                headers.Add((WebhookHeaders.Signature, signature));
                headers.Add((WebhookHeaders.Signature, string.Empty));
                break;
            case "signatures-comma-joined":
                headers.Add((WebhookHeaders.Signature, signature + ", " + signature));
                break;
            case "folded-signature-line":
                headers.Add((WebhookHeaders.Signature, signature[..(comma + 1)] + "\r\n " + signature[(comma + 1)..]));
                break;
            case "too-many-headers":
                headers.AddRange(Enumerable.Range(0, 150).Select(i => ($"X-Filler-{i}", "x")));
                headers.Add((WebhookHeaders.Signature, signature));
                break;
            default:
                headers.Add((WebhookHeaders.Signature, signature + new string('0', 40_000)));
                break;
        }

        return RawHttpConnection.Head(WebhookHost.Path, headers);
    }
}
