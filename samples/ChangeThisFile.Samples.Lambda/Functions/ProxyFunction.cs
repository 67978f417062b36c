using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChangeThisFile.Samples.Lambda.Events;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Samples.Lambda.Functions;

/// <summary>
/// The base of the handlers behind API Gateway: reads the proxy request in either payload format,
/// and responds in the same format. A failure of storage or the API becomes a 500 response, and
/// the invocation deadline a 503, so that the caller retries.
/// </summary>
public abstract partial class ProxyFunction : ILambdaHandler
{
    private readonly ILogger _logger;

    /// <summary>Initializes the handler.</summary>
    /// <param name="logger">The handler's logger.</param>
    protected ProxyFunction(ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <inheritdoc />
    /// <exception cref="FormatException">The event is not an API Gateway proxy request.</exception>
    public async Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var json = await LambdaEvents.ReadAllAsync(input, cancellationToken).ConfigureAwait(false);
        var request = ProxyEvents.ReadRequest(json);

        ProxyResult result;
        try
        {
            result = await HandleAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Log.DeadlineReached(_logger, GetType().Name);
            result = Error(503, "timeout", "The request did not finish before the function's deadline. Retry it.");
        }
        catch (Exception exception)
        {
            Log.RequestFailed(_logger, exception, GetType().Name);
            result = Error(
                500,
                "internal_error",
                "Storage or the conversion API failed while handling the request. Retry it; the failure is logged.");
        }

        return ProxyEvents.WriteResponse(request.Format, result);
    }

    /// <summary>Handles a request whose event was read.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Fires shortly before the deadline.</param>
    /// <returns>The response.</returns>
    protected abstract Task<ProxyResult> HandleAsync(ProxyRequest request, CancellationToken cancellationToken);

    /// <summary>Returns a JSON response.</summary>
    /// <typeparam name="T">The body type.</typeparam>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="value">The body.</param>
    /// <param name="typeInfo">The body's source-generated metadata.</param>
    /// <returns>The response, marked as not cacheable because bodies carry signed URLs.</returns>
    protected static ProxyResult Json<T>(int statusCode, T value, JsonTypeInfo<T> typeInfo) =>
        new(statusCode, JsonSerializer.Serialize(value, typeInfo))
        {
            Headers = new Dictionary<string, string> { ["cache-control"] = "no-store" },
        };

    /// <summary>Returns an error response in the API's envelope.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="code">A stable snake_case code.</param>
    /// <param name="message">What went wrong and what to do.</param>
    /// <returns>The response.</returns>
    protected static ProxyResult Error(int statusCode, string code, string message) =>
        Json(statusCode, new ErrorResponse(new ErrorDetail(code, message)), LambdaJsonContext.Default.ErrorResponse);

    /// <summary>Returns 405 for a method the route does not serve.</summary>
    /// <param name="request">The request.</param>
    /// <param name="allowed">The method the route serves.</param>
    /// <returns>The response, with an <c>Allow</c> header.</returns>
    protected static ProxyResult MethodNotAllowed(ProxyRequest request, string allowed)
    {
        ArgumentNullException.ThrowIfNull(request);
        var method = request.Method.Length == 0 ? "(none)" : request.Method[..Math.Min(request.Method.Length, 16)];
        return Error(405, "method_not_allowed", $"The method {method} is not allowed here; use {allowed}.") with
        {
            Headers = new Dictionary<string, string> { ["allow"] = allowed, ["cache-control"] = "no-store" },
        };
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 200, Level = LogLevel.Warning,
            Message = "{Handler} stopped at the invocation deadline and returned 503")]
        public static partial void DeadlineReached(ILogger logger, string handler);

        [LoggerMessage(EventId = 201, Level = LogLevel.Error,
            Message = "{Handler} failed and returned 500 so that the caller retries")]
        public static partial void RequestFailed(ILogger logger, Exception exception, string handler);
    }
}
