using System.Net;
using System.Text;
using ChangeThisFile.Client.AspNetCore.Tests.Infrastructure;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.AspNetCore.Tests.Webhooks;

/// <summary>Input a sender controls never produces a 5xx, and the secret never leaves the process.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public async Task Post_ContentLengthOverCap_Answers413WithoutReading()
    {
        await using var app = await WebhookTestApp.StartAsync(
            options => options.Settings["Webhooks:MaxBodySize"] = "1024");
        var body = new byte[2048];

        using var response = await app.PostAsync(body);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        app.Probe.Count.Should().Be(0);
    }

    [Fact]
    public async Task Post_ChunkedBodyOverCap_Answers413()
    {
        await using var app = await WebhookTestApp.StartAsync(
            options => options.Settings["Webhooks:MaxBodySize"] = "1024");
        var body = new byte[4096];
        var request = WebhookTestApp.SignedRequest(body, signedAt: app.Clock.GetUtcNow());
        request.Content = new UnknownLengthContent(body);

        using var response = await app.Client.SendAsync(request);

        request.Content.Headers.ContentLength.Should().BeNull();
        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_BodyAtDefaultCapPlusOne_Answers413()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var body = new byte[(1024 * 1024) + 1];

        using var response = await app.PostAsync(body);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Post_TrickledBodyOnTestServer_Answers408AfterTimeout()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var content = new TrickleContent(Encoding.UTF8.GetBytes("{\"event\":"));
        var request = WebhookTestApp.SignedRequest([], "t=1767225600,v1=" + new string('a', 64));
        request.Content = content;

        var sending = app.Client.SendAsync(request);
        await content.FirstBytesSent;
        await AdvanceUntilCompleteAsync(app, sending);
        using var response = await sending;
        content.Finish();

        response.StatusCode.Should().Be(HttpStatusCode.RequestTimeout);
        app.Logs.GetSnapshot().Should().Contain(record => record.Id.Id == 1 && record.Message.Contains("408"));
    }

    [Fact]
    public async Task Post_TrickledBodyOnKestrel_Answers408AfterTimeout()
    {
        await using var app = await WebhookTestApp.StartAsync(options => options.UseKestrel = true);
        var header = (WebhookHeaders.Signature, "t=1767225600,v1=" + new string('a', 64));

        var (client, stream) = await RawHttp.StartTrickleAsync(
            app.Port, WebhookTestApp.Path, [header], "{\"ev"u8.ToArray(), declaredLength: 100);
        using (client)
        {
            var reading = RawHttp.ReadResponseAsync(stream);
            await AdvanceUntilCompleteAsync(app, reading);
            var response = await reading;

            response.StatusCode.Should().Be(408);
        }
    }

    public static TheoryData<string, string> SignedHostileBodies => new()
    {
        { "invalid-utf8", "{\"event\":\"job.completed\",\"data\":{\"job_id\":\"\\xC3\\x28\"}}" },
        { "deep-nesting", "{\"event\":\"x\",\"data\":" + new string('[', 5000) + new string(']', 5000) + "}" },
        { "not-json", "<html>hello</html>" },
        { "truncated", "{\"event\":\"job.completed\",\"data\":{" },
        { "array-root", "[1,2,3]" },
        { "empty", "" },
    };

    [Theory]
    [MemberData(nameof(SignedHostileBodies))]
    public async Task Post_SignedUnreadableBody_Answers400(string name, string body)
    {
        await using var app = await WebhookTestApp.StartAsync();
        var bytes = name == "invalid-utf8" ? InvalidUtf8Body() : Encoding.UTF8.GetBytes(body);

        using var response = await app.PostAsync(bytes);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, name);
        app.Probe.Count.Should().Be(0);
    }

    [Fact]
    public async Task Post_SignedHugeNumbers_AcceptedWithFieldsEmpty()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var body = Encoding.UTF8.GetBytes(
            "{\"event\":\"job.completed\",\"data\":{\"job_id\":\"j-big\"," +
            "\"result\":{\"size\":1e999999,\"duration_ms\":" +
            new string('9', 5000) + "}}}");

        using var response = await app.PostAsync(body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Probe.Calls.Single().Event.ResultSize.Should().BeNull();
    }

    [Fact]
    public async Task Post_UnsignedHugeNumbers_Answers401()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var body = Encoding.UTF8.GetBytes(
            "{\"event\":\"job.completed\",\"data\":{\"size\":" + new string('9', 100_000) + "}}");

        using var response = await app.PostAsync(body, "t=1767225600,v1=" + new string('b', 64));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_RepeatedSignatureHeader_Answers400()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var body = WebhookTestApp.CompletedBody();
        var request = WebhookTestApp.SignedRequest(body, signedAt: app.Clock.GetUtcNow());
        var second = WebhookSigner.CreateSignatureHeader(WebhookTestApp.Secret, body, app.Clock.GetUtcNow());
        request.Headers.TryAddWithoutValidation(WebhookHeaders.Signature, second);

        using var response = await app.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Post_RepeatedSignatureHeaderOnKestrel_Answers400()
    {
        await using var app = await WebhookTestApp.StartAsync(options => options.UseKestrel = true);
        var body = WebhookTestApp.CompletedBody();
        var header = WebhookSigner.CreateSignatureHeader(WebhookTestApp.Secret, body, WebhookTestApp.Now);

        var response = await RawHttp.SendAsync(app.Port, WebhookTestApp.Path,
            [(WebhookHeaders.Signature, header), (WebhookHeaders.Signature, header)], body);

        response.StatusCode.Should().Be(400);
    }

    [Theory]
    [InlineData(5_000)]
    [InlineData(60_000)]
    public async Task Post_OversizedSignatureHeaderOnKestrel_Answers4xx(int length)
    {
        await using var app = await WebhookTestApp.StartAsync(options => options.UseKestrel = true);

        var response = await RawHttp.SendAsync(app.Port, WebhookTestApp.Path,
            [(WebhookHeaders.Signature, "t=1767225600,v1=" + new string('a', length))], WebhookTestApp.CompletedBody());

        response.StatusCode.Should().BeInRange(400, 499);
    }

    [Fact]
    public async Task Post_MissingSignature_Answers401WithoutReadingBody()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, WebhookTestApp.Path)
        {
            Content = new ByteArrayContent(WebhookTestApp.CompletedBody()),
        };

        using var response = await app.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Post_EveryRejection_NeverLeaksSecretOrSignature()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var body = WebhookTestApp.CompletedBody("job-leak");
        var goodHeader = WebhookSigner.CreateSignatureHeader(WebhookTestApp.Secret, body, WebhookTestApp.Now);
        var signature = goodHeader[(goodHeader.IndexOf("v1=", StringComparison.Ordinal) + 3)..];
        string[] headers =
        [
            goodHeader.Replace("t=1767225600", "t=1767220000", StringComparison.Ordinal),
            goodHeader + ",t=1",
            goodHeader + "=",
            "sha256=" + signature,
            goodHeader.ToUpperInvariant(),
        ];
        var texts = new List<string>();

        foreach (var header in headers)
        {
            using var response = await app.PostAsync(body, header);
            texts.Add(await response.Content.ReadAsStringAsync());
            ((int)response.StatusCode).Should().BeInRange(400, 499, header);
        }

        using var accepted = await app.PostAsync(body, goodHeader);
        texts.Add(await accepted.Content.ReadAsStringAsync());
        texts.Add(app.AllLogText());
        foreach (var text in texts)
        {
            text.Should().NotContain(WebhookTestApp.Secret);
            text.Should().NotContain(signature);
            text.Should().NotContain("sig=s3cr3t");
        }
    }

    /// <summary>
    /// Moves the fake clock one second at a time until the response arrives, so the test does
    /// not depend on when the server started its read timer. Gives up after 60 fake seconds.
    /// </summary>
    private static async Task AdvanceUntilCompleteAsync(WebhookTestApp app, Task response)
    {
        for (var second = 0; second < 60 && !response.IsCompleted; second++)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(response, Task.Delay(50));
        }

        response.IsCompleted.Should().BeTrue("the body read timeout should have answered the request");
    }

    private static byte[] InvalidUtf8Body() =>
        Encoding.UTF8.GetBytes("{\"event\":\"job.completed\",\"data\":{\"job_id\":\"")
            .Concat(new byte[] { 0xC3, 0x28 })
            .Concat(Encoding.UTF8.GetBytes("\"}}"))
            .ToArray();

    private sealed class UnknownLengthContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    /// <summary>Sends a few bytes, then waits until the test finishes it: a sender trickling its body.</summary>
    private sealed class TrickleContent(byte[] firstBytes) : HttpContent
    {
        private readonly TaskCompletionSource _sent = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _finish = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task FirstBytesSent => _sent.Task;

        public void Finish() => _finish.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(firstBytes);
            await stream.FlushAsync();
            _sent.TrySetResult();
            await _finish.Task;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
