using System.Net;
using System.Text;
using System.Text.Json;
using ChangeThisFile.Client.AspNetCore.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ChangeThisFile.Client.AspNetCore.Tests.Webhooks;

/// <summary>Other middleware and model binding in the same application read the body too.</summary>
public sealed class BodyAlreadyReadTests
{
    [Fact]
    public async Task Endpoint_EarlierMiddlewareReadBodyWithoutRewinding_StillVerifies()
    {
        var loggedBodies = new List<string>();
        await using var app = await WebhookTestApp.StartAsync(options => options.Pipeline = web =>
        {
            web.Use(async (context, next) =>
            {
                // A request-logging middleware that buffers and reads the body but does not rewind it.
                context.Request.EnableBuffering();
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
                loggedBodies.Add(await reader.ReadToEndAsync());
                await next(context);
            });
            web.MapConversionWebhooks(WebhookTestApp.Path);
        });

        using var response = await app.PostAsync(WebhookTestApp.CompletedBody());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        loggedBodies.Should().ContainSingle().Which.Should().Contain("job.completed");
        app.Probe.Calls.Single().Event.JobId.Should().Be("job-1");
    }

    [Fact]
    public async Task Middleware_ThenModelBinding_EndpointReadsSameBody()
    {
        JsonElement? bound = null;
        string? jobIdFromFeature = null;
        await using var app = await WebhookTestApp.StartAsync(options => options.Pipeline = web =>
        {
            web.UseConversionWebhookVerification(WebhookTestApp.Path);
            web.MapPost(WebhookTestApp.Path, ([FromBody] JsonElement body, HttpContext context) =>
            {
                bound = body;
                jobIdFromFeature = context.GetConversionWebhookEvent()?.JobId;
                return Results.Ok();
            });
        });

        using var response = await app.PostAsync(WebhookTestApp.CompletedBody("job-77"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        bound!.Value.GetProperty("data").GetProperty("job_id").GetString().Should().Be("job-77");
        jobIdFromFeature.Should().Be("job-77");
    }

    [Fact]
    public async Task Middleware_ThenHandlerReadsStreamTwice_SeesFullBodyEachTime()
    {
        var reads = new List<int>();
        var body = WebhookTestApp.CompletedBody();
        await using var app = await WebhookTestApp.StartAsync(options => options.Pipeline = web =>
        {
            web.UseConversionWebhookVerification(WebhookTestApp.Path);
            web.Run(async context =>
            {
                for (var i = 0; i < 2; i++)
                {
                    context.Request.Body.Position = 0;
                    using var copy = new MemoryStream();
                    await context.Request.Body.CopyToAsync(copy);
                    reads.Add((int)copy.Length);
                }

                context.Items.Should().ContainKey(ConversionWebhookHttpContextExtensions.ItemsKey);
            });
        });

        using var response = await app.PostAsync(body);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        reads.Should().Equal(body.Length, body.Length);
    }

    [Fact]
    public async Task Middleware_BadSignature_NeverReachesEndpoint()
    {
        var reached = 0;
        await using var app = await WebhookTestApp.StartAsync(options => options.Pipeline = web =>
        {
            web.UseConversionWebhookVerification(WebhookTestApp.Path);
            web.MapPost(WebhookTestApp.Path, () =>
            {
                Interlocked.Increment(ref reached);
                return Results.Ok();
            });
        });

        var forged = "t=1767225600,v1=" + new string('a', 64);

        using var response = await app.PostAsync(WebhookTestApp.CompletedBody(), forged);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        reached.Should().Be(0);
    }

    [Fact]
    public async Task Middleware_GetOnWebhookPath_Answers405()
    {
        await using var app = await WebhookTestApp.StartAsync(options => options.Pipeline = web =>
        {
            web.UseConversionWebhookVerification(WebhookTestApp.Path);
            web.MapGet(WebhookTestApp.Path, () => Results.Ok());
        });

        using var response = await app.Client.GetAsync(WebhookTestApp.Path);

        response.StatusCode.Should().Be(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.Should().Contain("POST");
    }

    [Fact]
    public async Task Middleware_OtherPath_PassesThroughUnverified()
    {
        await using var app = await WebhookTestApp.StartAsync(options => options.Pipeline = web =>
        {
            web.UseConversionWebhookVerification(WebhookTestApp.Path);
            web.MapPost("/webhooks/other", () => Results.Text("other"));
        });

        using var response = await app.Client.PostAsync("/webhooks/other", new StringContent("{}"));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be("other");
    }
}
