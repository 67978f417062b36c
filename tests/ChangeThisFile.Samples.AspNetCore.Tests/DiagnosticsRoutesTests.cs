using System.Net;
using System.Text;
using System.Text.Json;
using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Webhooks;
using ChangeThisFile.Samples.AspNetCore.Diagnostics;
using ChangeThisFile.Samples.AspNetCore.Hosting;
using ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Samples.AspNetCore.Tests;

/// <summary>The measuring routes behind <c>Sample:Diagnostics</c>, off unless turned on.</summary>
public sealed class DiagnosticsRoutesTests
{
    [Fact]
    public async Task Diagnostics_NotTurnedOn_RoutesNotFound()
    {
        await using var sample = await RunningSample.StartAsync();

        using var bare = await sample.Http.PostAsync(DiagnosticsRoutes.Bare, new StringContent("{}"));
        using var counts = await sample.Http.GetAsync(DiagnosticsRoutes.Webhooks);

        bare.StatusCode.Should().Be(HttpStatusCode.NotFound);
        counts.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BareRoute_TurnedOn_Answers200()
    {
        await using var sample = await RunningSample.StartAsync([$"--{DiagnosticsRoutes.EnabledKey}=true"]);

        using var response = await sample.Http.PostAsync(DiagnosticsRoutes.Bare, new StringContent("{}"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task WebhookCounts_RepeatedUnknownJob_CountsOnce()
    {
        await using var sample = await RunningSample.StartAsync([$"--{DiagnosticsRoutes.EnabledKey}=true"]);
        var body = Encoding.UTF8.GetBytes(
            """{"event":"job.completed","data":{"job_id":"job_unknown_to_sample","status":"completed"}}""");
        var before = await HandledAsync(sample);

        var first = await DeliverAsync(sample, body);
        var repeat = await DeliverAsync(sample, body);
        var after = await HandledAsync(sample);
        var unmatchedEvents = await sample.Host.App.Services.GetRequiredService<IConversionRecordStore>()
            .ListUnmatchedEventsAsync();

        before.Should().BeEmpty();
        first.Should().Be(HttpStatusCode.OK);
        repeat.Should().Be(HttpStatusCode.OK);
        after.Should().Equal(new Dictionary<string, long> { ["unmatched"] = 1 });
        unmatchedEvents.Should().ContainSingle().Which.JobId.Should().Be("job_unknown_to_sample");
    }

    private static async Task<HttpStatusCode> DeliverAsync(RunningSample sample, byte[] body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SampleRoutes.Webhook)
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(
            "X-CTF-Signature",
            WebhookSigner.CreateSignatureHeader(sample.Emulator!.WebhookSecret, body, DateTimeOffset.UtcNow));
        using var response = await sample.Http.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<Dictionary<string, long>> HandledAsync(RunningSample sample)
    {
        using var document = JsonDocument.Parse(await sample.Http.GetStringAsync(DiagnosticsRoutes.Webhooks));
        return document.RootElement.GetProperty("handled_by_outcome").EnumerateObject()
            .ToDictionary(property => property.Name, property => property.Value.GetInt64());
    }
}
