using System.Net;
using ChangeThisFile.Client.AspNetCore.Tests.Infrastructure;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.AspNetCore.Tests.Webhooks;

/// <summary>Secrets change in configuration while the application keeps running.</summary>
public sealed class RotationTests
{
    private const string NewSecret = "whsec_rotated_new_8d3c";

    [Fact]
    public async Task Reload_SecretReplaced_OldRejectedNewAcceptedWithoutRestart()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var oldBefore = await Send(app, WebhookTestApp.Secret, "job-a");

        app.Configuration.Replace(new Dictionary<string, string?> { ["Webhooks:Secrets:0"] = NewSecret });
        var oldAfter = await Send(app, WebhookTestApp.Secret, "job-b");
        var newAfter = await Send(app, NewSecret, "job-c");

        oldBefore.Should().Be(HttpStatusCode.OK);
        oldAfter.Should().Be(HttpStatusCode.Unauthorized);
        newAfter.Should().Be(HttpStatusCode.OK);
        app.Probe.Calls.Select(call => call.Event.JobId).Should().Equal("job-a", "job-c");
    }

    [Fact]
    public async Task Reload_BothSecretsThenOldRemoved_AcceptsBothThenOnlyNew()
    {
        await using var app = await WebhookTestApp.StartAsync();

        app.Configuration.Replace(new Dictionary<string, string?>
        {
            ["Webhooks:Secrets:0"] = NewSecret,
            ["Webhooks:Secrets:1"] = WebhookTestApp.Secret,
        });
        var oldDuring = await Send(app, WebhookTestApp.Secret, "job-1");
        var newDuring = await Send(app, NewSecret, "job-2");
        app.Configuration.Replace(new Dictionary<string, string?> { ["Webhooks:Secrets:0"] = NewSecret });
        var oldAfter = await Send(app, WebhookTestApp.Secret, "job-3");

        oldDuring.Should().Be(HttpStatusCode.OK);
        newDuring.Should().Be(HttpStatusCode.OK);
        oldAfter.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Reload_SecretsRemoved_Answers503UntilFixed()
    {
        await using var app = await WebhookTestApp.StartAsync();

        app.Configuration.Replace(new Dictionary<string, string?>());
        var broken = await Send(app, WebhookTestApp.Secret, "job-1");
        app.Configuration.Replace(new Dictionary<string, string?> { ["Webhooks:Secrets:0"] = WebhookTestApp.Secret });
        var fixedAgain = await Send(app, WebhookTestApp.Secret, "job-2");

        broken.Should().Be(HttpStatusCode.ServiceUnavailable);
        fixedAgain.Should().Be(HttpStatusCode.OK);
        app.Logs.GetSnapshot().Should().Contain(record => record.Id.Id == 2);
    }

    [Fact]
    public async Task Reload_ToleranceShortened_AppliesToNextDelivery()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var body = WebhookTestApp.CompletedBody("job-t");
        var signedAt = WebhookTestApp.Now.AddSeconds(-120);
        var header = WebhookSigner.CreateSignatureHeader(WebhookTestApp.Secret, body, signedAt);

        app.Configuration.Replace(new Dictionary<string, string?>
        {
            ["Webhooks:Secrets:0"] = WebhookTestApp.Secret,
            ["Webhooks:Tolerance"] = "00:01:00",
        });
        using var response = await app.PostAsync(body, header);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<HttpStatusCode> Send(WebhookTestApp app, string secret, string jobId)
    {
        var body = WebhookTestApp.CompletedBody(jobId);
        var header = WebhookSigner.CreateSignatureHeader(secret, body, app.Clock.GetUtcNow());
        using var response = await app.PostAsync(body, header);
        return response.StatusCode;
    }
}
