using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace ChangeThisFile.Samples.Lambda.Runtime;

/// <summary>
/// A client of the Lambda Runtime API (version 2018-06-01): fetches the next invocation and posts
/// its response or error, or an initialization error.
/// </summary>
public sealed class LambdaRuntimeClient
{
    /// <summary>The environment variable with the Runtime API's <c>host:port</c>.</summary>
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>The header with the type of a posted error.</summary>
    public const string ErrorTypeHeader = "Lambda-Runtime-Function-Error-Type";

    private const string RequestIdHeader = "Lambda-Runtime-Aws-Request-Id";
    private const string DeadlineHeader = "Lambda-Runtime-Deadline-Ms";
    private const string FunctionArnHeader = "Lambda-Runtime-Invoked-Function-Arn";
    private const string TraceIdHeader = "Lambda-Runtime-Trace-Id";

    private static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private readonly HttpClient _http;

    /// <summary>Initializes the client.</summary>
    /// <param name="http">
    /// A client whose <see cref="HttpClient.BaseAddress"/> is the Runtime API root from
    /// <see cref="BaseAddressFor"/>, with no timeout, because fetching the next invocation waits
    /// until one arrives.
    /// </param>
    public LambdaRuntimeClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        _http = http;
    }

    /// <summary>Returns the root of the Runtime API for the value of <c>AWS_LAMBDA_RUNTIME_API</c>.</summary>
    /// <param name="runtimeApi">The Runtime API's <c>host:port</c>, such as <c>127.0.0.1:9001</c>.</param>
    /// <returns>A URL such as <c>http://127.0.0.1:9001/2018-06-01/runtime/</c>.</returns>
    /// <exception cref="ArgumentException">The value is not a host and port.</exception>
    public static Uri BaseAddressFor(string? runtimeApi)
    {
        if (string.IsNullOrWhiteSpace(runtimeApi)
            || runtimeApi.Contains('/', StringComparison.Ordinal)
            || !Uri.TryCreate($"http://{runtimeApi.Trim()}/2018-06-01/runtime/", UriKind.Absolute, out var address))
        {
            throw new ArgumentException(
                $"{RuntimeApiVariable} is '{runtimeApi}', which is not a host:port. Lambda sets it for custom " +
                "runtimes; to run the program elsewhere, point it at a Runtime API, such as 127.0.0.1:9001.",
                nameof(runtimeApi));
        }

        return address;
    }

    /// <summary>Waits for the next invocation.</summary>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The invocation.</returns>
    /// <exception cref="HttpRequestException">The Runtime API failed or sent no request id.</exception>
    public async Task<LambdaInvocation> NextAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(
            "invocation/next", HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"The Runtime API returned {(int)response.StatusCode} to the request for the next invocation.",
                null,
                response.StatusCode);
        }

        var requestId = Header(response, RequestIdHeader) ?? throw new HttpRequestException(
            $"The Runtime API sent an invocation without the {RequestIdHeader} header.");
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new LambdaInvocation(
            requestId, Deadline(response), Header(response, FunctionArnHeader), Header(response, TraceIdHeader), body);
    }

    /// <summary>Posts the response of an invocation.</summary>
    /// <param name="requestId">The invocation's request id.</param>
    /// <param name="output">The response event.</param>
    /// <param name="cancellationToken">Stops the post.</param>
    /// <returns>
    /// True when the Runtime API accepted it; false when it rejected it as too large (413), which
    /// fails the invocation.
    /// </returns>
    /// <exception cref="HttpRequestException">The Runtime API failed.</exception>
    public async Task<bool> SendResponseAsync(string requestId, Stream output, CancellationToken cancellationToken)
    {
        using var content = new StreamContent(output);
        using var response = await _http.PostAsync(InvocationPath(requestId, "response"), content, cancellationToken)
            .ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            return false;
        }

        EnsureAccepted(response, "the response");
        return true;
    }

    /// <summary>Posts the error of an invocation.</summary>
    /// <param name="requestId">The invocation's request id.</param>
    /// <param name="error">The error.</param>
    /// <param name="cancellationToken">Stops the post.</param>
    /// <exception cref="HttpRequestException">The Runtime API failed.</exception>
    public Task SendErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken) =>
        PostErrorAsync(InvocationPath(requestId, "error"), error, cancellationToken);

    /// <summary>Posts an error that stopped the runtime before its first invocation.</summary>
    /// <param name="error">The error, such as invalid settings.</param>
    /// <param name="cancellationToken">Stops the post.</param>
    /// <exception cref="HttpRequestException">The Runtime API failed.</exception>
    public Task SendInitErrorAsync(RuntimeError error, CancellationToken cancellationToken) =>
        PostErrorAsync("init/error", error, cancellationToken);

    private async Task PostErrorAsync(string path, RuntimeError error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var content = JsonContent.Create(error, RuntimeJsonContext.Default.RuntimeError);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        request.Headers.TryAddWithoutValidation(ErrorTypeHeader, error.ErrorType);
        using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        EnsureAccepted(response, "the error");
    }

    private static string InvocationPath(string requestId, string action)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        return $"invocation/{Uri.EscapeDataString(requestId)}/{action}";
    }

    private static void EnsureAccepted(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"The Runtime API returned {(int)response.StatusCode} when {what} was posted.",
                null,
                response.StatusCode);
        }
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static DateTimeOffset? Deadline(HttpResponseMessage response) =>
        long.TryParse(Header(response, DeadlineHeader), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            && ms <= MaxUnixMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : null;
}
