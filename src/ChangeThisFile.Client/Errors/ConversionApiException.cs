using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace ChangeThisFile.Client;

/// <summary>
/// Thrown when the ChangeThisFile API (or a gateway in front of it, or the storage serving a
/// result) returns an unsuccessful HTTP status.
/// </summary>
/// <remarks>
/// Branch on <see cref="StatusCode"/> together with <see cref="ErrorCode"/>: the API reuses
/// <c>bad_request</c> for HTTP 400, 409 (idempotent request still in flight) and 422
/// (idempotency key reused with another body). A body that is not the API's JSON error envelope,
/// such as an HTML page from a gateway, leaves <see cref="ErrorCode"/> empty and puts the start of
/// the body in <see cref="ResponseBodyExcerpt"/>. The message never contains the API key or the
/// query string of a URL.
/// </remarks>
public sealed class ConversionApiException : Exception
{
    /// <summary>Initializes an exception from the parts of an error response.</summary>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="error">The parsed <c>error</c> object, or <see langword="null"/> when the body had none.</param>
    /// <param name="requestId">The request id the server sent, if any.</param>
    /// <param name="retryAfter">The wait the server asked for, if any.</param>
    /// <param name="rateLimit">The rate-limit figures of the response, if any.</param>
    /// <param name="endpoint">The method and URL of the request, without query string, for the message.</param>
    /// <param name="responseBodyExcerpt">The start of a body that was not a JSON error envelope.</param>
    /// <param name="contentType">The media type of the response body, if any.</param>
    public ConversionApiException(
        HttpStatusCode statusCode,
        ConversionError? error,
        string? requestId = null,
        TimeSpan? retryAfter = null,
        RateLimitInfo? rateLimit = null,
        string? endpoint = null,
        string? responseBodyExcerpt = null,
        string? contentType = null)
        : base(CreateMessage(statusCode, error, requestId, retryAfter, endpoint, responseBodyExcerpt, contentType))
    {
        StatusCode = statusCode;
        Error = error;
        RequestId = requestId;
        RetryAfter = retryAfter;
        RateLimit = rateLimit;
        Endpoint = endpoint;
        ResponseBodyExcerpt = responseBodyExcerpt;
    }

    /// <summary>The HTTP status of the response.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The API's error code; empty when the body was not the API's error envelope.</summary>
    public ConversionErrorCode ErrorCode => Error?.Code ?? default;

    /// <summary>The API's human-readable message, or <see langword="null"/> when it sent none.</summary>
    public string? ErrorMessage => Error?.Message;

    /// <summary>The optional structured context of the error, such as <c>limit</c> or <c>retry_after</c>.</summary>
    public JsonElement? Details => Error?.Details;

    /// <summary>The parsed <c>error</c> object; <see langword="null"/> when the body had none.</summary>
    public ConversionError? Error { get; }

    /// <summary>
    /// The request id from the <c>X-Request-Id</c>, <c>Request-Id</c>, <c>X-Correlation-Id</c> or
    /// <c>CF-Ray</c> response header; quote it when contacting support.
    /// </summary>
    public string? RequestId { get; }

    /// <summary>
    /// How long the server asked the client to wait, from <c>Retry-After</c> (seconds or an HTTP
    /// date) or else from <c>error.details.retry_after</c>.
    /// </summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>The <c>X-RateLimit-*</c> figures of the response, when it carried them.</summary>
    public RateLimitInfo? RateLimit { get; }

    /// <summary>The method and URL of the failed request, without query string.</summary>
    public string? Endpoint { get; }

    /// <summary>
    /// The first characters of a response body that was not the API's JSON error envelope, such
    /// as a gateway's HTML page; <see langword="null"/> otherwise.
    /// </summary>
    public string? ResponseBodyExcerpt { get; }

    /// <summary>
    /// Whether repeating the same request later can succeed: HTTP 408, 429 with
    /// <c>rate_limited</c> or no code, 409 (in-flight idempotent request) and 5xx.
    /// </summary>
    public bool IsTransient =>
        StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict
        || (int)StatusCode >= 500
        || (StatusCode == HttpStatusCode.TooManyRequests && ErrorCode != ConversionErrorCode.QuotaExceeded);

    private static string CreateMessage(
        HttpStatusCode statusCode,
        ConversionError? error,
        string? requestId,
        TimeSpan? retryAfter,
        string? endpoint,
        string? excerpt,
        string? contentType)
    {
        var message = new StringBuilder();
        message.Append(endpoint is null ? "The ChangeThisFile request" : $"The request {endpoint}")
            .Append(CultureInfo.InvariantCulture, $" failed with HTTP {(int)statusCode} ({statusCode})");

        if (error is not null && !error.Code.IsEmpty)
        {
            message.Append(CultureInfo.InvariantCulture, $", error code '{error.Code.Value}'");
        }

        message.Append(error?.Message is { Length: > 0 } text ? $": {text.TrimEnd('.')}." : ".");
        if (error is null)
        {
            message.Append(DescribeNonEnvelopeBody(contentType, excerpt));
        }

        if (FixFor(statusCode, error?.Code ?? default) is { } fix)
        {
            message.Append(' ').Append(fix);
        }

        if (retryAfter is { } wait)
        {
            message.Append(CultureInfo.InvariantCulture, $" Retry after {wait.TotalSeconds:0.###} s.");
        }

        if (requestId is not null)
        {
            message.Append(CultureInfo.InvariantCulture, $" Request id: {requestId}.");
        }

        return message.ToString();
    }

    private static string DescribeNonEnvelopeBody(string? contentType, string? excerpt)
    {
        if (string.IsNullOrEmpty(excerpt))
        {
            return " The response had no body.";
        }

        return $" The body ({contentType ?? "no content type"}) is not the API's JSON error envelope, " +
            "so a proxy or gateway probably produced it; see ResponseBodyExcerpt.";
    }

    private static string? FixFor(HttpStatusCode status, ConversionErrorCode code)
    {
        if (code == ConversionErrorCode.InvalidApiKey || (code.IsEmpty && status == HttpStatusCode.Unauthorized))
        {
            return "Check the configured API key (ConversionClientOptions.ApiKey or the CTF_API_KEY variable).";
        }

        if (code == ConversionErrorCode.QuotaExceeded)
        {
            return "The monthly conversion allowance is used up; wait for the next period or upgrade the plan.";
        }

        if (code == ConversionErrorCode.FileTooLarge)
        {
            return "Send a smaller file, or use a plan with a higher size limit.";
        }

        if (code == ConversionErrorCode.UnsupportedRoute)
        {
            return "Check that the API supports this source and target format pair.";
        }

        if (code == ConversionErrorCode.BadRequest && status == HttpStatusCode.Conflict)
        {
            return "A request with the same Idempotency-Key is still running; retry it after the wait.";
        }

        if (code == ConversionErrorCode.BadRequest && status == HttpStatusCode.UnprocessableEntity)
        {
            return "The Idempotency-Key was already used with a different request; use a new key for a new request.";
        }

        return null;
    }
}
