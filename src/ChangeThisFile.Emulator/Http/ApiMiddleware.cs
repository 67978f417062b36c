using System.Globalization;
using System.Net.Http.Headers;
using ChangeThisFile.Emulator.Api;
using ChangeThisFile.Emulator.Faults;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Emulator.Http;

/// <summary>
/// The steps every <c>/v1</c> request passes, outermost first: injected faults, error
/// envelopes, then Bearer authentication and the per-key rate limit (not on <c>/v1/keys/free</c>).
/// </summary>
internal sealed partial class ApiMiddleware(EmulatorContext context, ILogger<ApiMiddleware> logger)
{
    private static readonly PathString FreeKeyPath = "/v1/keys/free";

    public async Task InjectFaultsAsync(HttpContext http, RequestDelegate next)
    {
        var faults = context.Faults;
        var latency = faults.Latency;
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, context.Options.TimeProvider, http.RequestAborted).ConfigureAwait(false);
        }

        switch (faults.NextRequestFault())
        {
            case RequestFault.ServerError:
                Log.FaultInjected(logger, "server error", http.Request.Method, http.Request.Path);
                var error = ApiErrors.InjectedServerError(faults.ServerErrorStatusCode);
                await ResponseWriter.WriteErrorAsync(http, error).ConfigureAwait(false);
                return;
            case RequestFault.DropConnection:
                Log.FaultInjected(logger, "dropped connection", http.Request.Method, http.Request.Path);
                http.Abort();
                return;
            case RequestFault.DropResponse:
                Log.FaultInjected(logger, "dropped response", http.Request.Method, http.Request.Path);
                http.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null));
                try
                {
                    await next(http).ConfigureAwait(false);
                }
                finally
                {
                    http.Abort();
                }

                return;
            default:
                await next(http).ConfigureAwait(false);
                return;
        }
    }

    public async Task WriteErrorsAsync(HttpContext http, RequestDelegate next)
    {
        try
        {
            await next(http).ConfigureAwait(false);
            if (http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !http.Response.HasStarted)
            {
                throw ApiErrors.MethodNotAllowed(http.Request.Method, http.Request.Path);
            }
        }
        catch (ApiException ex) when (!http.Response.HasStarted)
        {
            await ResponseWriter.WriteErrorAsync(http, ex).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client disconnected, so no response can be sent.
        }
#pragma warning disable CA1031 // Any other failure becomes a 500 envelope instead of a dropped connection.
        catch (Exception ex) when (!http.Response.HasStarted)
#pragma warning restore CA1031
        {
            Log.UnhandledError(logger, ex, http.Request.Method, http.Request.Path);
            var error = new ApiException(
                StatusCodes.Status500InternalServerError,
                ErrorCodes.InternalError,
                "The emulator failed to handle the request.");
            await ResponseWriter.WriteErrorAsync(http, error).ConfigureAwait(false);
        }

        Log.RequestHandled(logger, http.Request.Method, http.Request.Path, http.Response.StatusCode);
    }

    /// <summary>Rejects a request that matches no route with 404 <c>not_found</c>, before checking its key.</summary>
    public static Task RejectUnknownRoutesAsync(HttpContext http, RequestDelegate next) =>
        http.GetEndpoint() is null ? throw ApiErrors.RouteNotFound(http.Request.Path) : next(http);

    /// <summary>
    /// Gives requests outside <c>/v1</c> the API's error envelope when they match no route (404
    /// <c>not_found</c>) or use a method their route does not accept (405). Responses that the
    /// routes write themselves, such as a rejected result download, pass unchanged.
    /// </summary>
    public static async Task WriteRouteErrorsAsync(HttpContext http, RequestDelegate next)
    {
        if (http.GetEndpoint() is null)
        {
            var notFound = ApiErrors.RouteNotFound(http.Request.Path);
            await ResponseWriter.WriteErrorAsync(http, notFound).ConfigureAwait(false);
            return;
        }

        await next(http).ConfigureAwait(false);
        if (http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed && !http.Response.HasStarted)
        {
            var error = ApiErrors.MethodNotAllowed(http.Request.Method, http.Request.Path);
            await ResponseWriter.WriteErrorAsync(http, error).ConfigureAwait(false);
        }
    }

    public Task AuthenticateAsync(HttpContext http, RequestDelegate next)
    {
        if (http.Request.Path.Equals(FreeKeyPath, StringComparison.OrdinalIgnoreCase))
        {
            return next(http);
        }

        var key = ReadBearerKey(http.Request);
        if (key is null || !context.Accounts.TryAuthenticate(key, out var account))
        {
            throw ApiErrors.InvalidApiKey();
        }

        http.Features.Set(new Caller(account, key));
        var decision = context.RateLimiter.Acquire(key);
        var headers = http.Response.Headers;
        headers["X-RateLimit-Limit"] = decision.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = decision.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = decision.ResetUnixSeconds.ToString(CultureInfo.InvariantCulture);
        if (!decision.Allowed)
        {
            throw ApiErrors.RateLimited(decision.Limit, decision.RetryAfterSeconds);
        }

        return next(http);
    }

    private static string? ReadBearerKey(HttpRequest request)
    {
        var header = request.Headers.Authorization;
        if (header.Count != 1 || !AuthenticationHeaderValue.TryParse(header[0], out var value))
        {
            return null;
        }

        var isBearer = value.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);
        return isBearer && !string.IsNullOrWhiteSpace(value.Parameter) ? value.Parameter.Trim() : null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Injected {Fault} into {Method} {Path}")]
        public static partial void FaultInjected(ILogger logger, string fault, string method, PathString path);

        [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "Unexpected error handling {Method} {Path}")]
        public static partial void UnhandledError(ILogger logger, Exception exception, string method, PathString path);

        // The path only: query strings may carry credentials.
        [LoggerMessage(EventId = 4003, Level = LogLevel.Debug, Message = "{Method} {Path} returned {Status}")]
        public static partial void RequestHandled(ILogger logger, string method, PathString path, int status);
    }
}
