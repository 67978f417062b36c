using System.Net.Http.Json;
using System.Text.Json.Serialization.Metadata;
using ChangeThisFile.Client.Http;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client;

public sealed partial class ConversionClient
{
    private const int MaxEmailLength = 320;

    /// <inheritdoc />
    public Task<AccountUsage> GetUsageAsync(CancellationToken cancellationToken = default) =>
        SendControlAsync(
            HttpMethod.Get,
            "v1/usage",
            null,
            ConversionClientJsonContext.Default.AccountUsage,
            ControlContext("GetUsage", idempotent: true),
            cancellationToken);

    /// <inheritdoc />
    public Task<FreeApiKey> CreateFreeApiKeyAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.Length > MaxEmailLength
            || email.Any(char.IsControl)
            || !email.Trim().Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "The email address is not valid; pass an address such as dev@example.com (at most 320 characters).",
                nameof(email));
        }

        var body = JsonContent.Create(
            new FreeKeyRequest { Email = email.Trim() }, ConversionClientJsonContext.Default.FreeKeyRequest);
        return SendControlAsync(
            HttpMethod.Post,
            "v1/keys/free",
            body,
            ConversionClientJsonContext.Default.FreeApiKey,
            ControlContext("CreateFreeApiKey", anonymous: true),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApiKeyRotation> RotateApiKeyAsync(CancellationToken cancellationToken = default) =>
        SendControlAsync(
            HttpMethod.Post,
            "v1/keys/rotate",
            null,
            ConversionClientJsonContext.Default.ApiKeyRotation,
            ControlContext("RotateApiKey"),
            cancellationToken);

    /// <inheritdoc />
    public Task<WebhookSecretRotation> RotateWebhookSecretAsync(CancellationToken cancellationToken = default) =>
        SendControlAsync(
            HttpMethod.Post,
            "v1/webhooks/secret",
            null,
            ConversionClientJsonContext.Default.WebhookSecretRotation,
            ControlContext("RotateWebhookSecret"),
            cancellationToken);

    /// <inheritdoc />
    public Task<WebhookTestResult> SendTestWebhookAsync(Uri webhookUrl, CancellationToken cancellationToken = default)
    {
        RequestValidation.HttpUrl(webhookUrl, nameof(webhookUrl), required: true);
        var body = JsonContent.Create(
            new WebhookTestRequest { Url = webhookUrl.AbsoluteUri },
            ConversionClientJsonContext.Default.WebhookTestRequest);
        return SendControlAsync(
            HttpMethod.Post,
            "v1/webhooks/test",
            body,
            ConversionClientJsonContext.Default.WebhookTestResult,
            ControlContext("SendTestWebhook"),
            cancellationToken);
    }

    /// <summary>
    /// Describes a small JSON call. A POST without <c>Idempotency-Key</c> is not idempotent: it is
    /// retried only when the server cannot have processed it.
    /// </summary>
    private static ConversionRequestContext ControlContext(
        string operation, bool idempotent = false, bool anonymous = false) =>
        new() { Operation = operation, IsIdempotent = idempotent, Anonymous = anonymous, BufferResponse = true };

    private Task<T> SendControlAsync<T>(
        HttpMethod method,
        string route,
        HttpContent? body,
        JsonTypeInfo<T> responseType,
        ConversionRequestContext context,
        CancellationToken cancellationToken)
        where T : class =>
        RunAsync(
            context.Operation,
            null,
            async (_, token) =>
            {
                using var request = CreateRequest(method, Route(route), context);
                request.Content = body;
                using var response = await SendAsync(request, token).ConfigureAwait(false);
                return await ReadJsonAsync(response, responseType, token).ConfigureAwait(false);
            },
            cancellationToken);
}
