using ChangeThisFile.Emulator.Accounts;
using ChangeThisFile.Emulator.Api;
using ChangeThisFile.Emulator.Http;
using ChangeThisFile.Emulator.Webhooks;

namespace ChangeThisFile.Emulator.Endpoints;

/// <summary><c>POST /v1/webhooks/secret</c> and <c>POST /v1/webhooks/test</c>.</summary>
internal sealed class WebhookEndpoints(EmulatorContext context, WebhookDispatcher dispatcher)
{
    public Task RotateSecretAsync(HttpContext http)
    {
        var secret = AccountStore.RotateWebhookSecret(http.GetCaller().Account);
        var createdAt = EmulatorJson.FormatTimestamp(context.Options.TimeProvider.GetUtcNow());
        var body = new WebhookSecretResponse(secret, createdAt);
        return ResponseWriter.WriteJsonAsync(
            http, StatusCodes.Status200OK, body, EmulatorJson.Context.WebhookSecretResponse);
    }

    public async Task SendTestAsync(HttpContext http)
    {
        var request = await JsonBody.ReadAsync(http.Request, EmulatorJson.Context.WebhookTestRequest)
            .ConfigureAwait(false);
        if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || !UrlRules.IsHttp(url))
        {
            throw ApiErrors.BadRequest(
                "The 'url' field must be an absolute http or https URL of your webhook receiver.");
        }

        if (!context.Options.AllowRemoteUrls && !UrlRules.IsLoopback(url))
        {
            throw ApiErrors.BadRequest(
                $"The 'url' host '{url.Host}' is not a loopback address; the emulator only calls 127.0.0.1, ::1 "
                + "and localhost unless AllowRemoteUrls is set.");
        }

        var delivery = await dispatcher.SendTestAsync(url, http.GetCaller().Account, http.RequestAborted)
            .ConfigureAwait(false);
        var body = new WebhookTestResponse(delivery.Succeeded, delivery.StatusCode, request.Url!, delivery.Error);
        await ResponseWriter
            .WriteJsonAsync(http, StatusCodes.Status200OK, body, EmulatorJson.Context.WebhookTestResponse)
            .ConfigureAwait(false);
    }
}
