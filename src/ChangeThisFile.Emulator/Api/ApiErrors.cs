using System.Globalization;
using System.Text.Json.Nodes;

namespace ChangeThisFile.Emulator.Api;

/// <summary>Factories for the API errors, with messages that name the value and the fix.</summary>
internal static class ApiErrors
{
    /// <summary>
    /// The <c>Retry-After</c> sent while an idempotent request is still running, in
    /// seconds.
    /// </summary>
    public const int InFlightRetryAfterSeconds = 1;

    public static ApiException BadRequest(string message) =>
        new(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, message);

    public static ApiException InvalidApiKey() =>
        new(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidApiKey, "The API key is missing or has been revoked.");

    public static ApiException JobNotFound() =>
        new(StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No job with that id exists, or it has expired.");

    public static ApiException RouteNotFound(PathString path) =>
        new(
            StatusCodes.Status404NotFound,
            ErrorCodes.NotFound,
            path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase)
                ? $"No API route matches '{path}'."
                : $"No route matches '{path}'. The API's routes start with /v1, such as /v1/jobs.");

    public static ApiException MethodNotAllowed(string method, string path) =>
        new(
            StatusCodes.Status405MethodNotAllowed,
            ErrorCodes.MethodNotAllowed,
            $"The route '{path}' does not accept {method} requests.");

    public static ApiException FileTooLarge(long limitBytes) =>
        new(
            StatusCodes.Status413PayloadTooLarge,
            ErrorCodes.FileTooLarge,
            Invariant($"The upload exceeds the maximum file size of {limitBytes} bytes."),
            new JsonObject { ["limit"] = limitBytes },
            retryAfterSeconds: null);

    public static ApiException UnsupportedRoute(string source, string target) =>
        new(
            StatusCodes.Status422UnprocessableEntity,
            ErrorCodes.UnsupportedRoute,
            $"Converting {source} to {target} is not supported.",
            new JsonObject { ["route"] = $"{source}->{target}" },
            retryAfterSeconds: null);

    public static ApiException ConversionFailed(string message) =>
        new(StatusCodes.Status422UnprocessableEntity, ErrorCodes.ConversionFailed, message);

    public static ApiException RateLimited(int limit, int retryAfterSeconds) =>
        new(
            StatusCodes.Status429TooManyRequests,
            ErrorCodes.RateLimited,
            Invariant($"Too many requests: the limit is {limit} per minute; retry after {retryAfterSeconds} s."),
            new JsonObject { ["limit"] = limit, ["retry_after"] = retryAfterSeconds },
            retryAfterSeconds);

    public static ApiException QuotaExceeded(int limit, int used, int retryAfterSeconds) =>
        new(
            StatusCodes.Status429TooManyRequests,
            ErrorCodes.QuotaExceeded,
            Invariant($"The monthly conversion allowance of {limit} is used up."),
            new JsonObject { ["limit"] = limit, ["used"] = used, ["retry_after"] = retryAfterSeconds },
            retryAfterSeconds);

    public static ApiException IdempotencyInFlight() =>
        new(
            StatusCodes.Status409Conflict,
            ErrorCodes.BadRequest,
            "A request with this Idempotency-Key is still being processed.",
            new JsonObject { ["retry_after"] = InFlightRetryAfterSeconds },
            InFlightRetryAfterSeconds);

    public static ApiException IdempotencyMismatch() =>
        new(
            StatusCodes.Status422UnprocessableEntity,
            ErrorCodes.BadRequest,
            "This Idempotency-Key was already used with a different request body; use a new key for a new request.");

    public static ApiException InjectedServerError(int statusCode) =>
        new(statusCode, ErrorCodes.ServiceUnavailable, "The conversion engine is temporarily unavailable.");

    public static ApiException ResultUrlForbidden(string reason) =>
        new(StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, reason);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
