using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChangeThisFile.Client.Diagnostics;
using ChangeThisFile.Client.Http;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Client;

/// <summary>
/// The <see cref="IConversionClient"/> implementation over an <see cref="HttpClient"/> from
/// <see cref="IHttpClientFactory"/>. Obtain it from dependency injection: register it with
/// <c>services.AddConversionClient(...)</c> and inject <see cref="IConversionClient"/> or
/// <see cref="IConversionClientFactory"/>.
/// </summary>
/// <remarks>
/// The client has no mutable state, so one instance may serve concurrent calls. The handlers
/// that the registration puts in front of the <see cref="HttpClient"/> add authentication,
/// timeouts, retries, logging and metrics; an <see cref="HttpClient"/> without them is not enough.
/// </remarks>
public sealed partial class ConversionClient : IConversionClient
{
    private readonly HttpClient _httpClient;
    private readonly ConversionClientOptions _options;
    private readonly Uri _baseAddress;
    private readonly string? _routePrefix;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConversionClientMetrics _metrics;
    private readonly DownloadUrlGuard _urlGuard;

    internal ConversionClient(
        HttpClient httpClient,
        ConversionClientOptions options,
        TimeProvider timeProvider,
        ILogger<ConversionClient> logger,
        ConversionClientMetrics metrics,
        DownloadUrlGuard urlGuard)
    {
        _httpClient = httpClient;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _metrics = metrics;
        _urlGuard = urlGuard;
        var baseText = options.BaseAddress.AbsoluteUri;
        _baseAddress = baseText.EndsWith('/') ? options.BaseAddress : new Uri(baseText + "/");
        _routePrefix = _baseAddress.Query.Length == 0 && _baseAddress.Fragment.Length == 0 ? _baseAddress.AbsoluteUri : null;
    }

    // Appending to the base address's text is cheaper than resolving a relative URI against it,
    // and gives the same result for the client's routes on a base without query or fragment.
    private Uri Route(string relativePath) =>
        _routePrefix is null ? new(_baseAddress, relativePath) : new(_routePrefix + relativePath, UriKind.Absolute);

    private static HttpRequestMessage CreateRequest(HttpMethod method, Uri url, ConversionRequestContext context)
    {
        var request = new HttpRequestMessage(method, url);
        context.AttachTo(request);
        return request;
    }

    /// <summary>Sends the request and turns an unsuccessful status into <see cref="ConversionApiException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await _httpClient
            .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw await CreateApiExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<ConversionApiException> CreateApiExceptionAsync(
        HttpResponseMessage response, CancellationToken cancellationToken) =>
        TimeoutScope.RunAsync(
            token => ApiErrors.CreateAsync(response, _timeProvider, _options.ApiKey, token),
            _options.AttemptTimeout,
            ConversionTimeoutKind.Attempt,
            _timeProvider,
            cancellationToken);

    private static async Task<T> ReadJsonAsync<T>(
        HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
        where T : class
    {
        T? value;
        try
        {
            if (IsBuffered(response))
            {
                // The attempt read the body into memory, so this read does not wait on the network.
                using var buffered = response.Content.ReadAsStream(cancellationToken);
                value = JsonSerializer.Deserialize(buffered, typeInfo);
            }
            else
            {
                var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    value = await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken)
                        .ConfigureAwait(false);
                }
            }
        }
        catch (JsonException exception)
        {
            throw new JsonException(
                $"The response to {Endpoint(response)} (HTTP {(int)response.StatusCode}) is not the expected " +
                $"{typeof(T).Name} JSON: {exception.Message}",
                exception.Path, exception.LineNumber, exception.BytePositionInLine, exception);
        }

        return value
            ?? throw new JsonException($"The response to {Endpoint(response)} is JSON null instead of an object.");
    }

    // True when the attempt read the body into memory and no handler has replaced it since.
    private static bool IsBuffered(HttpResponseMessage response) =>
        response.RequestMessage is { } request
        && ConversionRequestContext.Of(request).BufferedContent is { } content
        && ReferenceEquals(content, response.Content);

    // Built only for an error message: redacting the URL allocates.
    private static string Endpoint(HttpResponseMessage response) =>
        $"{response.RequestMessage?.Method} {UrlRedaction.Redact(response.RequestMessage?.RequestUri)}";

    /// <summary>
    /// Runs one client operation inside its span, logs a failure, and makes sure a cancellation
    /// by the caller surfaces with the caller's token. A request the API rejected because of its
    /// input (such as an unsupported route) is logged at Warning without the stack trace, since
    /// the caller handles it; every other failure is logged at Error with the exception.
    /// </summary>
    private async Task<T> RunAsync<T>(
        string operation,
        string? jobId,
        Func<Activity?, CancellationToken, Task<T>> body,
        CancellationToken cancellationToken)
    {
        using var activity = ConversionActivitySource.Start(operation, jobId);
        try
        {
            var result = await body(activity, cancellationToken).ConfigureAwait(false);
            activity.Succeed();
            return result;
        }
        catch (OperationCanceledException exception) when (cancellationToken.IsCancellationRequested)
        {
            activity.Fail(exception);
            Log.Canceled(_logger, operation);
            if (exception.CancellationToken == cancellationToken)
            {
                throw;
            }

            throw new OperationCanceledException(exception.Message, exception, cancellationToken);
        }
        catch (ConversionApiException exception) when (IsRejectedInput(exception.StatusCode))
        {
            activity.Fail(exception);
            Log.OperationRejected(
                _logger, operation, (int)exception.StatusCode, exception.ErrorCode.Value, jobId ?? LogValues.None);
            throw;
        }
        catch (Exception exception)
        {
            activity.Fail(exception);
            Log.OperationFailed(_logger, operation, jobId ?? LogValues.None, exception);
            throw;
        }
    }

    private static bool IsRejectedInput(HttpStatusCode status) =>
        status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.RequestEntityTooLarge
            or HttpStatusCode.UnsupportedMediaType or HttpStatusCode.UnprocessableEntity;
}
