using System.Net;
using System.Text;
using System.Text.Json;
using ChangeThisFile.Emulator.Tests.Infrastructure;

namespace ChangeThisFile.Emulator.Tests;

public sealed class WebhookDeliveryTests : IAsyncLifetime
{
    private TestReceiver _receiver = null!;

    private string Hook => _receiver.Url("/h").ToString();

    public async Task InitializeAsync() => _receiver = await TestReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task Completed_Job_PostsSignedCurrentFormEvent()
    {
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            WebhookSecret = "whsec_test_1",
        });
        using var api = EmulatorApi.For(emulator);

        var jobId = await api.SubmitJobAsync(TestImages.Encode("png"), "a.png", "webp",
            ("webhook_url", _receiver.Url("/hooks").ToString()), ("webhook_metadata", """{"file_id":"f-9","n":2}"""));
        var request = (await _receiver.WaitForRequestsAsync(1))[0];

        request.Path.Should().Be("/hooks");
        request.Headers["Content-Type"].Should().Be("application/json");
        request.Headers["User-Agent"].Should().Be("ChangeThisFile-Webhook/1.0");
        request.Headers["X-CTF-Event"].Should().Be("job.completed");
        var (timestamp, signature) = TestSignatures.ParseV1(request.Headers["X-CTF-Signature"]);
        signature.Should().Be(TestSignatures.V1("whsec_test_1", timestamp, request.Body));
        var body = JsonDocument.Parse(request.Body).RootElement;
        body.GetProperty("event").GetString().Should().Be("job.completed");
        var data = body.GetProperty("data");
        data.GetProperty("job_id").GetString().Should().Be(jobId);
        data.GetProperty("status").GetString().Should().Be("completed");
        data.GetProperty("result").GetProperty("target_format").GetString().Should().Be("webp");
        data.GetProperty("metadata").GetRawText().Should().Be("""{"file_id":"f-9","n":2}""");
        body.TryGetProperty("metadata", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Completed_Job_WebhookResultUrlDownloads()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        await api.SubmitJobAsync("a,b\n1,2\n"u8.ToArray(), "t.csv", "json", ("webhook_url", Hook));

        var request = (await _receiver.WaitForRequestsAsync(1))[0];
        var result = JsonDocument.Parse(request.Body).RootElement.GetProperty("data").GetProperty("result");
        var fileUrl = result.GetProperty("file_url").GetString();
        using var http = new HttpClient();
        var json = await http.GetStringAsync(fileUrl);

        JsonDocument.Parse(json).RootElement[0].GetProperty("b").GetString().Should().Be("2");
    }

    [Fact]
    public async Task FailedJob_PostsJobFailedEvent()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        await api.SubmitJobAsync("nope"u8.ToArray(), "a.png", "jpg",
            ("webhook_url", Hook), ("webhook_metadata", """{"order_id":"o-1"}"""));
        var request = (await _receiver.WaitForRequestsAsync(1))[0];

        request.Headers["X-CTF-Event"].Should().Be("job.failed");
        var data = JsonDocument.Parse(request.Body).RootElement.GetProperty("data");
        data.GetProperty("status").GetString().Should().Be("failed");
        data.GetProperty("error").GetProperty("code").GetString().Should().Be("conversion_failed");
        data.GetProperty("metadata").GetProperty("order_id").GetString().Should().Be("o-1");
        data.TryGetProperty("result", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Legacy_Form_PostsFlatBodySignedWithSecret()
    {
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            SignatureForm = WebhookSignatureForm.Legacy,
            WebhookSecret = "whsec_legacy",
        });
        using var api = EmulatorApi.For(emulator);

        var jobId = await api.SubmitJobAsync(TestImages.Encode("png"), "a.png", "jpg",
            ("webhook_url", Hook), ("webhook_metadata", """{"file_id":"f-1"}"""));
        var request = (await _receiver.WaitForRequestsAsync(1))[0];

        request.Headers["X-CTF-Signature"].Should().Be("sha256=" + TestSignatures.Legacy("whsec_legacy", request.Body));
        var body = JsonDocument.Parse(request.Body).RootElement;
        body.GetProperty("job_id").GetString().Should().Be(jobId);
        body.GetProperty("state").GetString().Should().Be("done");
        body.GetProperty("download_url").GetString().Should().StartWith(emulator.BaseAddress + "files/");
        body.GetProperty("metadata").GetProperty("file_id").GetString().Should().Be("f-1");
        body.TryGetProperty("event", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Legacy_FailedJob_PostsStateFailedWithError()
    {
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            SignatureForm = WebhookSignatureForm.Legacy,
        });
        using var api = EmulatorApi.For(emulator);

        await api.SubmitJobAsync("nope"u8.ToArray(), "a.png", "jpg", ("webhook_url", Hook));
        var request = (await _receiver.WaitForRequestsAsync(1))[0];

        var body = JsonDocument.Parse(request.Body).RootElement;
        body.GetProperty("state").GetString().Should().Be("failed");
        body.GetProperty("error").GetProperty("code").GetString().Should().Be("conversion_failed");
        body.TryGetProperty("download_url", out _).Should().BeFalse();
    }

    [Fact]
    public async Task RotatedSecret_SignsLaterWebhooks()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        using var rotation = await api.Http.PostAsync("/v1/webhooks/secret", null);
        var secret = (await EmulatorApi.JsonAsync(rotation)).GetProperty("secret").GetString()!;

        await api.SubmitJobAsync("a\n1\n"u8.ToArray(), "a.csv", "json", ("webhook_url", Hook));
        var request = (await _receiver.WaitForRequestsAsync(1))[0];

        secret.Should().MatchRegex("^whsec_[0-9a-f]{32}$");
        emulator.WebhookSecret.Should().Be(secret);
        var (timestamp, signature) = TestSignatures.ParseV1(request.Headers["X-CTF-Signature"]);
        signature.Should().Be(TestSignatures.V1(secret, timestamp, request.Body));
        var withOldSecret = TestSignatures.V1(ConversionEmulatorOptions.DefaultWebhookSecret, timestamp, request.Body);
        signature.Should().NotBe(withOldSecret);
    }

    [Fact]
    public async Task TestEndpoint_ReachableReceiver_SendsSignedTestEvent()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);
        var url = _receiver.Url("/test-hook").ToString();

        using var response = await api.PostJsonAsync("/v1/webhooks/test", $$"""{"url":"{{url}}"}""");

        var body = await EmulatorApi.JsonAsync(response);
        body.GetProperty("delivered").GetBoolean().Should().BeTrue();
        body.GetProperty("status_code").GetInt32().Should().Be(200);
        body.GetProperty("url").GetString().Should().Be(url);
        var request = _receiver.Requests.Single();
        request.Headers["X-CTF-Event"].Should().Be("webhook.test");
        Encoding.UTF8.GetString(request.Body).Should().Be("""{"event":"webhook.test","data":{}}""");
        var (timestamp, signature) = TestSignatures.ParseV1(request.Headers["X-CTF-Signature"]);
        signature.Should().Be(TestSignatures.V1(emulator.WebhookSecret, timestamp, request.Body));
        emulator.Webhooks.All.Single().Event.Should().Be("webhook.test");
    }

    [Fact]
    public async Task TestEndpoint_FailingReceiver_ReportsStatus()
    {
        _receiver.StatusFor = _ => 500;
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var response = await api.PostJsonAsync("/v1/webhooks/test", $$"""{"url":"{{Hook}}"}""");

        var body = await EmulatorApi.JsonAsync(response);
        body.GetProperty("delivered").GetBoolean().Should().BeFalse();
        body.GetProperty("status_code").GetInt32().Should().Be(500);
    }

    [Fact]
    public async Task TestEndpoint_UnreachableReceiver_ReportsNullStatus()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var response = await api.PostJsonAsync("/v1/webhooks/test", """{"url":"http://127.0.0.1:9/h"}""");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await EmulatorApi.JsonAsync(response);
        body.GetProperty("delivered").GetBoolean().Should().BeFalse();
        body.GetProperty("status_code").ValueKind.Should().Be(JsonValueKind.Null);
        body.GetProperty("error").GetString().Should().NotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("""{"url":"https://example.com/hook"}""")]
    [InlineData("""{"url":"not a url"}""")]
    [InlineData("""{}""")]
    public async Task TestEndpoint_InvalidUrl_Returns400(string body)
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        using var response = await api.PostJsonAsync("/v1/webhooks/test", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await EmulatorApi.ErrorAsync(response)).Message.Should().Contain("'url'");
    }

    [Fact]
    public async Task Deliveries_AreRecordedWithBodyAndStatus()
    {
        await using var emulator = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(emulator);

        var jobId = await api.SubmitJobAsync("a\n1\n"u8.ToArray(), "a.csv", "json", ("webhook_url", Hook));
        var delivery = await emulator.Webhooks.WaitForSuccessAsync(jobId);

        delivery.Url.Should().Be(_receiver.Url("/h"));
        delivery.Event.Should().Be("job.completed");
        delivery.Attempt.Should().Be(1);
        delivery.StatusCode.Should().Be(200);
        delivery.Body.ToArray().Should().Equal(_receiver.Requests.Single().Body);
        delivery.Signature.Should().Be(_receiver.Requests.Single().Headers["X-CTF-Signature"]);
        emulator.Webhooks.ForJob(jobId).Should().ContainSingle();
    }
}
