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
        RunAsync(
            "GetUsage",
            null,
            (_, token) => SendControlAsync(
                HttpMethod.Get, "v1/usage", null, ConversionClientJsonContext.Default.AccountUsage,
                new ConversionRequestContext { Operation = "GetUsage", IsIdempotent = true, BufferResponse = true }, token),
            cancellationToken);

    /// <inheritdoc />
    public Task<FreeApiKey> CreateFreeApiKeyAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (email.Length > MaxEmailLength || email.Any(char.IsControl) || email.Trim().Length == 0 || !email.Contains('@', StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "The email address is not valid; pass an address such as dev@example.com (at most 320 characters).",
                nameof(email));
        }

        var body = JsonContent.Create(new FreeKeyRequest { Email = email.Trim() }, ConversionClientJsonContext.Default.FreeKeyRequest);
        return RunAsync(
            "CreateFreeApiKey",
            null,
            (_, token) => SendControlAsync(
                HttpMethod.Post, "v1/keys/free", body, ConversionClientJsonContext.Default.FreeApiKey,
                new ConversionRequestContext { Operation = "CreateFreeApiKey", Anonymous = true, BufferResponse = true }, token),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApiKeyRotation> RotateApiKeyAsync(CancellationToken cancellationToken = default) =>
        RunAsync(
            "RotateApiKey",
            null,
            (_, token) => SendControlAsync(
                HttpMethod.Post, "v1/keys/rotate", null, ConversionClientJsonContext.Default.ApiKeyRotation,
                new ConversionRequestContext { Operation = "RotateApiKey", BufferResponse = true }, token),
            cancellationToken);

    /// <inheritdoc />
    public Task<WebhookSecretRotation> RotateWebhookSecretAsync(CancellationToken cancellationToken = default) =>
        RunAsync(
            "RotateWebhookSecret",
            null,
            (_, token) => SendControlAsync(
                HttpMethod.Post, "v1/webhooks/secret", null, ConversionClientJsonContext.Default.WebhookSecretRotation,
                new ConversionRequestContext { Operation = "RotateWebhookSecret", BufferResponse = true }, token),
            cancellationToken);

    /// <inheritdoc />
    public Task<WebhookTestResult> SendTestWebhookAsync(Uri webhookUrl, CancellationToken cancellationToken = default)
    {
        RequestValidation.HttpUrl(webhookUrl, nameof(webhookUrl), required: true);
        var body = JsonContent.Create(
            new WebhookTestRequest { Url = webhookUrl.AbsoluteUri }, ConversionClientJsonContext.Default.WebhookTestRequest);
        return RunAsync(
            "SendTestWebhook",
            null,
            (_, token) => SendControlAsync(
                HttpMethod.Post, "v1/webhooks/test", body, ConversionClientJsonContext.Default.WebhookTestResult,
                new ConversionRequestContext { Operation = "SendTestWebhook", BufferResponse = true }, token),
            cancellationToken);
    }

    private async Task<T> SendControlAsync<T>(
        HttpMethod method,
        string route,
        HttpContent? body,
        JsonTypeInfo<T> responseType,
        ConversionRequestContext context,
        CancellationToken cancellationToken)
        where T : class
    {
        using var request = CreateRequest(method, Route(route), context);
        request.Content = body;
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, responseType, cancellationToken).ConfigureAwait(false);
    }
}
