using System.Text;
using ChangeThisFile.Client.Webhooks;
using ChangeThisFile.Samples.Lambda.Events;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Samples.Lambda.Tests;

/// <summary>
/// The webhook handler behind API Gateway, with the signature field cases: the body is rebuilt
/// from the event (base64-decoded when API Gateway set isBase64Encoded) before it is verified.
/// </summary>
public sealed class WebhookFunctionTests(LambdaTestEnvironment environment) : IClassFixture<LambdaTestEnvironment>
{
    private const string VerifiedCase = "rotation-second-v1";

    public static TheoryData<ProxyFormat, bool> Encodings => new()
    {
        { ProxyFormat.RestApi, true },
        { ProxyFormat.RestApi, false },
        { ProxyFormat.HttpApi, true },
        { ProxyFormat.HttpApi, false },
    };

    public static TheoryData<string> BodyACases =>
        [.. WebhookCases.All.Cases.Values.Where(entry => entry.Body == "A").Select(entry => entry.Id)];

    [Theory]
    [MemberData(nameof(Encodings))]
    public async Task Webhook_BodyAEveryEncoding_IsVerified(ProxyFormat format, bool base64)
    {
        var signed = WebhookCases.All.Cases[VerifiedCase];
        await using var app = await CreateAppAsync(signed.Secrets);

        var response = await LambdaApp.InvokeAsync(app.Webhook, Delivery(signed) with { Base64 = base64 }, format);

        response.StatusCode.Should().Be(200, response.Body);
        response.Json.GetProperty("outcome").GetString().Should().Be("unmatched", "no record has the case's job");
    }

    [Theory]
    [InlineData(ProxyFormat.RestApi)]
    [InlineData(ProxyFormat.HttpApi)]
    public async Task Webhook_Base64TextWithFlagCleared_IsRejected(ProxyFormat format)
    {
        var signed = WebhookCases.All.Cases[VerifiedCase];
        await using var app = await CreateAppAsync(signed.Secrets);
        var base64Text = Encoding.ASCII.GetBytes(Convert.ToBase64String(WebhookCases.All.Bodies["A"]));

        var response = await LambdaApp.InvokeAsync(app.Webhook, Delivery(signed) with { Body = base64Text }, format);

        response.StatusCode.Should().Be(401, "the base64 text is not the signed body");
    }

    [Theory]
    [MemberData(nameof(BodyACases))]
    public async Task Webhook_BodyACase_KeepsExpectedOutcome(string caseId)
    {
        var entry = WebhookCases.All.Cases[caseId];
        await using var app = await CreateAppAsync(entry.Secrets);

        foreach (var (format, base64) in Encodings.Select(row => ((ProxyFormat)row[0], (bool)row[1])))
        {
            var response = await LambdaApp.InvokeAsync(app.Webhook, Delivery(entry) with { Base64 = base64 }, format);

            if (entry.ShouldAccept)
            {
                response.StatusCode.Should().Be(200, $"{format}, base64 {base64}: {response.Body}");
            }
            else
            {
                response.StatusCode.Should().BeOneOf([400, 401], $"{format}, base64 {base64}: {response.Body}");
            }
        }
    }

    [Theory]
    [InlineData(ProxyFormat.RestApi, "X-CTF-Signature")]
    [InlineData(ProxyFormat.RestApi, "x-ctf-signature")]
    [InlineData(ProxyFormat.HttpApi, "X-Ctf-Signature")]
    public async Task Webhook_HeaderNameInAnyCase_IsFound(ProxyFormat format, string headerName)
    {
        var signed = WebhookCases.All.Cases[VerifiedCase];
        await using var app = await CreateAppAsync(signed.Secrets);
        var request = Delivery(signed) with { Headers = [new(headerName, signed.Header)] };

        var response = await LambdaApp.InvokeAsync(app.Webhook, request, format);

        response.StatusCode.Should().Be(200, response.Body);
    }

    [Theory]
    [InlineData(ProxyFormat.RestApi)]
    [InlineData(ProxyFormat.HttpApi)]
    public async Task Webhook_RepeatedSignatureHeader_Returns400(ProxyFormat format)
    {
        var signed = WebhookCases.All.Cases[VerifiedCase];
        await using var app = await CreateAppAsync(signed.Secrets);
        var request = Delivery(signed) with
        {
            Headers = [new(WebhookHeaders.Signature, signed.Header), new(WebhookHeaders.Signature, signed.Header)],
        };

        var response = await LambdaApp.InvokeAsync(app.Webhook, request, format);

        response.StatusCode.Should().Be(400);
        response.ErrorCode.Should().Be("invalid_signature");
    }

    [Fact]
    public async Task Webhook_MissingSignature_Returns401()
    {
        var signed = WebhookCases.All.Cases[VerifiedCase];
        await using var app = await CreateAppAsync(signed.Secrets);

        var response = await LambdaApp.InvokeAsync(app.Webhook, Delivery(signed) with { Headers = [] });

        response.StatusCode.Should().Be(401);
        response.ErrorMessage.Should().Contain("X-CTF-Signature");
    }

    [Fact]
    public async Task Webhook_InvalidBase64_Returns400()
    {
        var signed = WebhookCases.All.Cases[VerifiedCase];
        await using var app = await CreateAppAsync(signed.Secrets);
        var request = TestHttpRequest.Json("POST", "/webhooks/changethisfile", "{}") with
        {
            Headers = [new(WebhookHeaders.Signature, signed.Header)],
        };
        var eventJson = Encoding.UTF8.GetString(request.ToEvent(ProxyFormat.HttpApi))
            .Replace("\"isBase64Encoded\":false", "\"isBase64Encoded\":true", StringComparison.Ordinal)
            .Replace("\"body\":\"{}\"", "\"body\":\"%%not base64%%\"", StringComparison.Ordinal);
        var input = new MemoryStream(Encoding.UTF8.GetBytes(eventJson));

        await using var output = await app.Webhook.HandleAsync(input, default);
        var response = await TestProxyResponse.ReadAsync(output);

        response.StatusCode.Should().Be(400);
        response.ErrorMessage.Should().Contain("isBase64Encoded");
    }

    [Fact]
    public async Task Webhook_GetMethod_Returns405()
    {
        var signed = WebhookCases.All.Cases[VerifiedCase];
        await using var app = await CreateAppAsync(signed.Secrets);

        var response = await LambdaApp.InvokeAsync(app.Webhook, Delivery(signed) with { Method = "GET" });

        response.StatusCode.Should().Be(405);
        response.Headers["allow"].Should().Be("POST");
    }

    [Fact]
    public async Task Webhook_SignedBodyNotJson_Returns400()
    {
        var secret = WebhookCases.All.Cases[VerifiedCase].Secrets[0];
        await using var app = await CreateAppAsync([secret]);
        var body = Encoding.UTF8.GetBytes("not json");
        var request = new TestHttpRequest("POST", "/webhooks/changethisfile")
        {
            Headers =
            [
                new(WebhookHeaders.Signature, WebhookSigner.CreateSignatureHeader(secret, body, WebhookCases.All.Now)),
            ],
            Body = body,
        };

        var response = await LambdaApp.InvokeAsync(app.Webhook, request);

        response.StatusCode.Should().Be(400);
        response.ErrorCode.Should().Be("invalid_event");
    }

    [Fact]
    public async Task Webhook_BodyOverLimit_Returns413()
    {
        var signed = WebhookCases.All.Cases[VerifiedCase];
        await using var app = await CreateAppAsync(
            signed.Secrets, settings => settings["ChangeThisFile:Webhooks:MaxBodySize"] = "16");

        var response = await LambdaApp.InvokeAsync(app.Webhook, Delivery(signed));

        response.StatusCode.Should().Be(413);
    }

    [Fact]
    public async Task Webhook_StoreUnavailable_Returns500()
    {
        var signed = WebhookCases.All.Cases[VerifiedCase];
        await using var app = await CreateAppAsync(
            signed.Secrets, settings => settings["DynamoDbRecords:CreateTableIfMissing"] = "false");

        var response = await LambdaApp.InvokeAsync(app.Webhook, Delivery(signed));

        response.StatusCode.Should().Be(500, "the API delivers the event again after a 5xx");
        response.ErrorCode.Should().Be("internal_error");
        response.Body.Should().NotContain(signed.Secrets[0]);
    }

    private static TestHttpRequest Delivery(WebhookCase entry) => new("POST", "/webhooks/changethisfile")
    {
        Headers =
        [
            new("Content-Type", "application/json"),
            new("User-Agent", "ChangeThisFile-Webhook/1.0"),
            new("X-CTF-Event", "job.completed"),
            new(WebhookHeaders.Signature, entry.Header),
        ],
        Body = WebhookCases.All.Bodies[entry.Body],
    };

    private Task<LambdaApp> CreateAppAsync(
        IReadOnlyList<string> secrets, Action<Dictionary<string, string?>>? configure = null) =>
        environment.CreateAppAsync(
            settings =>
            {
                settings.Remove("ChangeThisFile:Webhooks:Secrets:0");
                for (var i = 0; i < secrets.Count; i++)
                {
                    settings[$"ChangeThisFile:Webhooks:Secrets:{i}"] = secrets[i];
                }

                configure?.Invoke(settings);
            },
            new FakeTimeProvider(WebhookCases.All.Now));
}
