using System.Net;
using System.Text;
using ChangeThisFile.Client.AspNetCore.Tests.Infrastructure;

namespace ChangeThisFile.Client.AspNetCore.Tests.Webhooks;

/// <summary>Log messages about events that carry no job id.</summary>
public sealed class LogMessageTests
{
    private const int VerifiedEventId = 4;

    [Fact]
    public async Task Verified_EventWithoutJobId_LogsNone()
    {
        await using var app = await WebhookTestApp.StartAsync();
        var body = Encoding.UTF8.GetBytes("{\"event\":\"webhook.test\",\"data\":{}}");

        using var response = await app.PostAsync(body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var verified = app.Logs.GetSnapshot().Should().ContainSingle(record => record.Id.Id == VerifiedEventId).Which;
        verified.Message.Should().Contain("for job none");
        verified.Message.Should().NotContain("(null)");
    }
}
