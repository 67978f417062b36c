using System.Net;
using ChangeThisFile.Client.AspNetCore.Tests.Infrastructure;
using ChangeThisFile.Client.Tests.Webhooks;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.AspNetCore.Tests.Webhooks;

/// <summary>Every field case and vector through MapConversionWebhooks on a running application.</summary>
public sealed class EndpointCaseTests
{
    public static TheoryData<string> AllCases => WebhookTestData.CaseIds();

    public static TheoryData<string> VectorNames => WebhookTestData.VectorNames();

    // Rejected cases whose header cannot be parsed get 400; the others are well formed and get 401.
    private static readonly HashSet<string> MalformedRejects = ["junk-timestamp", "duplicate-timestamp"];

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task Post_FieldCaseWithLegacyDisabled_AnswersExpectedStatus(string id)
    {
        var item = WebhookTestData.Case(id);
        await using var app = await StartForCase(item, allowLegacy: false);

        using var response = await app.Client.SendAsync(WebhookTestApp.SignedRequest(item.Body, item.Header));

        var expected = item.Expect switch
        {
            "accept" => HttpStatusCode.OK,
            "reject-without-exception" => HttpStatusCode.BadRequest,
            "reject" when MalformedRejects.Contains(id) => HttpStatusCode.BadRequest,
            _ => HttpStatusCode.Unauthorized,
        };
        response.StatusCode.Should().Be(expected);
        app.Probe.Count.Should().Be(expected == HttpStatusCode.OK ? 1 : 0);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task Post_FieldCaseWithLegacyEnabled_AnswersExpectedStatus(string id)
    {
        var item = WebhookTestData.Case(id);
        await using var app = await StartForCase(item, allowLegacy: true);

        using var response = await app.Client.SendAsync(WebhookTestApp.SignedRequest(item.Body, item.Header));

        var expected = item.Expect switch
        {
            "reject" when MalformedRejects.Contains(id) => HttpStatusCode.BadRequest,
            "reject" => HttpStatusCode.Unauthorized,
            "reject-without-exception" => HttpStatusCode.BadRequest,
            _ => HttpStatusCode.OK,
        };
        response.StatusCode.Should().Be(expected);
    }

    [Theory]
    [MemberData(nameof(AllCases))]
    public async Task Post_FieldCaseOnKestrel_NeverAnswers5xx(string id)
    {
        var item = WebhookTestData.Case(id);
        await using var app = await StartForCase(item, allowLegacy: false, kestrel: true);

        var response = await RawHttp.SendAsync(
            app.Port, WebhookTestApp.Path, [(WebhookHeaders.Signature, item.Header)], item.Body);

        response.StatusCode.Should().BeLessThan(500);
        if (item.Expect == "accept")
        {
            response.StatusCode.Should().Be(200);
        }
        else
        {
            response.StatusCode.Should().BeInRange(400, 499);
        }
    }

    [Theory]
    [MemberData(nameof(VectorNames))]
    public async Task Post_SignatureVector_DispatchesEvent(string name)
    {
        var vector = WebhookTestData.Vector(name);
        await using var app = await WebhookTestApp.StartAsync(options =>
        {
            options.Settings["Webhooks:Secrets:0"] = WebhookTestData.VectorSecret;
            options.Settings["Webhooks:AllowLegacySignatures"] = (vector.Scheme != "v1").ToString();
            options.Now = vector.SignedAt;
        });

        using var response = await app.Client.SendAsync(WebhookTestApp.SignedRequest(vector.Body, vector.Header));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Probe.Calls.Single().Method.Should().Be(name == "v1-webhook-test" ? "OnTestAsync" : "OnJobCompletedAsync");
    }

    [Fact]
    public async Task Post_LeadingBomCase_HandlerSeesParsedEventAndExactBytes()
    {
        var item = WebhookTestData.Case("leading-bom");
        await using var app = await StartForCase(item, allowLegacy: false);

        using var response = await app.Client.SendAsync(WebhookTestApp.SignedRequest(item.Body, item.Header));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var webhookEvent = app.Probe.Calls.Single().Event;
        webhookEvent.JobId.Should().Be("6f1d2c3b-0a9e-4d8c-b7a6-5e4f3d2c1b0a");
        webhookEvent.RawBody.ToArray().Should().Equal(item.Body);
    }

    private static Task<WebhookTestApp> StartForCase(WebhookCase item, bool allowLegacy, bool kestrel = false) =>
        WebhookTestApp.StartAsync(options =>
        {
            options.Settings.Remove("Webhooks:Secrets:0");
            for (var i = 0; i < item.Secrets.Length; i++)
            {
                options.Settings[$"Webhooks:Secrets:{i}"] = item.Secrets[i];
            }

            options.Settings["Webhooks:AllowLegacySignatures"] = allowLegacy.ToString();
            options.Now = WebhookTestData.CaseNow;
            options.UseKestrel = kestrel;
        });
}
