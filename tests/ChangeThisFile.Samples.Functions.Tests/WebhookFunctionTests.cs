using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ChangeThisFile.Client.Webhooks;
using ChangeThisFile.Samples.Functions.Webhooks;
using Microsoft.AspNetCore.Http;

namespace ChangeThisFile.Samples.Functions.Tests;

/// <summary>
/// The webhook function behind the worker middleware, including the body-reread case: steps that
/// read the body before verification, the verification and the function all see the same full
/// body, and nothing throws.
/// </summary>
public sealed class WebhookFunctionTests(FunctionsTestEnvironment environment) : IClassFixture<FunctionsTestEnvironment>
{
    private readonly byte[] _body = Encoding.UTF8.GetBytes(
        $$"""{"event":"job.completed","data":{"job_id":"{{Guid.NewGuid()}}","status":"completed","result":""" +
        """{"file_url":"https://files.example.test/out/r\u00e9sum\u00e9.pdf","size":5120}}}""" + "\r\n");

    [Fact]
    public async Task Webhook_BehindMiddleware_ReadersGetWholeBody()
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        byte[]? verifiedBody = null;
        byte[]? bodyAfterFunction = null;
        app.AfterWebhookFunction = async context =>
        {
            verifiedBody = context.Features.Get<IVerifiedWebhookFeature>()!.Body.ToArray();
            bodyAfterFunction = await ReadToEndAsync(context.Request.Body);
        };

        using var response = await SendAsync(baseAddress, _body, Sign(_body));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await OutcomeAsync(response)).Should().Be("unmatched");
        verifiedBody.Should().Equal(_body);
        bodyAfterFunction.Should().Equal(_body);
    }

    [Fact]
    public async Task Webhook_BodyLeftAtEnd_IsVerified()
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        byte[]? readByEarlierStep = null;
        app.StepsBeforeVerification.Add(async (context, next) =>
        {
            // A logging step that buffers and reads the body but does not rewind it.
            context.Request.EnableBuffering();
            readByEarlierStep = await ReadToEndAsync(context.Request.Body);
            await next();
        });

        using var response = await SendAsync(baseAddress, _body, Sign(_body));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        readByEarlierStep.Should().Equal(_body);
    }

    [Fact]
    public async Task Webhook_BodyConsumedEarlier_Returns401()
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        app.StepsBeforeVerification.Add(async (context, next) =>
        {
            await ReadToEndAsync(context.Request.Body);
            await next();
        });

        using var response = await SendAsync(baseAddress, _body, Sign(_body));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the body is gone, so no signature matches");
        app.WebhookFunctionRuns.Should().Be(0);
    }

    [Fact]
    public async Task Webhook_WithoutMiddleware_FunctionVerifiesItself()
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        app.UseVerificationMiddleware = false;

        using var accepted = await SendAsync(baseAddress, _body, Sign(_body));
        using var rejected = await SendAsync(baseAddress, [.. _body, (byte)' '], Sign(_body));

        accepted.StatusCode.Should().Be(HttpStatusCode.OK, await accepted.Content.ReadAsStringAsync());
        rejected.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Webhook_TamperedBody_RejectedByMiddleware()
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        var tampered = Encoding.UTF8.GetBytes(
            Encoding.UTF8.GetString(_body).Replace("5120", "5121", StringComparison.Ordinal));

        using var response = await SendAsync(baseAddress, tampered, Sign(_body));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await ErrorCodeAsync(response)).Should().Be("invalid_signature");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        app.WebhookFunctionRuns.Should().Be(0);
    }

    [Fact]
    public async Task Webhook_MissingSignature_Returns401()
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;

        using var response = await SendAsync(baseAddress, _body);

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Webhook_RepeatedSignatureHeader_Returns400()
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        var signature = Sign(_body);

        using var response = await SendAsync(baseAddress, _body, signature, signature);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Webhook_BodyOverLimit_Returns413()
    {
        var (app, baseAddress) = await environment.CreateAppAsync(
            settings => settings["ChangeThisFile:Webhooks:MaxBodySize"] = "64");
        await using var _ = app;

        using var response = await SendAsync(baseAddress, _body, Sign(_body));

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Webhook_SignedBodyNotJson_Returns400()
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        var body = "not json"u8.ToArray();

        using var response = await SendAsync(baseAddress, body, Sign(body));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ErrorCodeAsync(response)).Should().Be("invalid_event");
    }

    [Fact]
    public async Task Webhook_StoreUnavailable_Returns500()
    {
        var (app, baseAddress) = await environment.CreateAppAsync(
            settings => settings["AzureTableRecords:CreateTableIfMissing"] = "false");
        await using var _ = app;

        using var response = await SendAsync(baseAddress, _body, Sign(_body));

        response.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        (await ErrorCodeAsync(response)).Should().Be("internal_error");
    }

    private string Sign(byte[] body) =>
        WebhookSigner.CreateSignatureHeader(environment.Emulator.WebhookSecret, body, DateTimeOffset.UtcNow);

    private static async Task<HttpResponseMessage> SendAsync(Uri baseAddress, byte[] body, params string[] signatures)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/changethisfile")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var signature in signatures)
        {
            request.Headers.TryAddWithoutValidation(WebhookHeaders.Signature, signature);
        }

        return await http.SendAsync(request);
    }

    private static async Task<byte[]> ReadToEndAsync(Stream body)
    {
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy);
        return copy.ToArray();
    }

    private static async Task<string?> OutcomeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("outcome").GetString();

    private static async Task<string?> ErrorCodeAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement
            .GetProperty("error").GetProperty("code").GetString();
}
