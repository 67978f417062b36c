using System.Globalization;
using System.Net;
using Polly;

namespace ChangeThisFile.Client.Http;

/// <summary>The outcome of <see cref="RetryGate.DecideAsync"/>.</summary>
/// <param name="Reason">What failed, such as <c>http_503</c>, for logs and the retry counter.</param>
/// <param name="Delay">The wait before the retry.</param>
/// <param name="Veto">Why the failure must reach the caller instead, or <see langword="null"/> to retry.</param>
/// <param name="OutlastsTotal">Whether the veto is that the wait would end after the total deadline.</param>
internal readonly record struct RetryDecision(string Reason, TimeSpan Delay, string? Veto, bool OutlastsTotal = false);

/// <summary>
/// Decides whether a transient failure of one request may be retried, and after which delay.
/// </summary>
/// <remarks>
/// A request that is not idempotent (a POST without <c>Idempotency-Key</c>) is retried only when
/// the server cannot have processed it: the connection failed or the server returned 429. A
/// <c>Retry-After</c> longer than <see cref="ConversionClientOptions.MaxRetryAfter"/> ends the
/// retries, and so does a wait that would outlast <see cref="ConversionClientOptions.TotalTimeout"/>.
/// An upload whose forward-only body was already read fails with
/// <see cref="UploadNotReplayableException"/>.
/// </remarks>
internal sealed class RetryGate(HttpRequestMessage request, ConversionClientOptions options, TimeProvider timeProvider)
{
    public ConversionRequestContext Context { get; } = ConversionRequestContext.Of(request);

    public HttpRequestMessage Request => request;

    public int MaxRetries => options.MaxRetryAttempts;

    public TimeSpan TotalTimeout => options.TotalTimeout;

    public async ValueTask<RetryDecision> DecideAsync(
        DelegateResult<HttpResponseMessage> outcome, int retryNumber, CancellationToken cancellationToken)
    {
        var reason = DescribeReason(outcome);
        if (!Context.IsIdempotent && !CannotHaveBeenProcessed(outcome))
        {
            return new RetryDecision(
                reason, TimeSpan.Zero, "the request is not idempotent and the server may have processed it");
        }

        var retryAfter = outcome.Result is { } response ? ResponseHeaders.GetRetryAfter(response, timeProvider) : null;
        if (retryAfter > options.MaxRetryAfter)
        {
            return new RetryDecision(
                reason, TimeSpan.Zero, $"Retry-After {retryAfter} exceeds MaxRetryAfter {options.MaxRetryAfter}");
        }

        if (Context.Body is { CanResend: false } body)
        {
            var failure = await ToExceptionAsync(outcome, cancellationToken).ConfigureAwait(false);
            throw new UploadNotReplayableException(body.FileName, body.FileBytesRead, failure);
        }

        var delay = retryAfter ?? RetryBackoff.Compute(options.RetryBaseDelay, options.MaxRetryDelay, retryNumber);
        if (Context.TotalRemaining(timeProvider) is { } remaining && delay >= remaining)
        {
            // The retry could not start before TotalTimeout expires, so the caller gets the server's
            // response (status, Retry-After) or the failure instead of a bare timeout.
            return new RetryDecision(
                reason, TimeSpan.Zero, $"the wait of {delay} would outlast TotalTimeout {options.TotalTimeout}",
                OutlastsTotal: true);
        }

        return new RetryDecision(reason, delay, null);
    }

    private static bool CannotHaveBeenProcessed(DelegateResult<HttpResponseMessage> outcome) =>
        outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests
        || outcome.Exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
        };

    private static string DescribeReason(DelegateResult<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => "http_" + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
        { Exception: ConversionTimeoutException { Kind: ConversionTimeoutKind.Upload } } => "upload_timeout",
        { Exception: ConversionTimeoutException } => "attempt_timeout",
        { Exception: HttpRequestException { HttpRequestError: var error } } => error switch
        {
            HttpRequestError.ConnectionError => "connection_error",
            HttpRequestError.NameResolutionError => "name_resolution_error",
            HttpRequestError.ResponseEnded => "response_ended",
            HttpRequestError.SecureConnectionError => "secure_connection_error",
            _ => "http_request_error",
        },
        _ => "transient_error",
    };

    private async Task<Exception> ToExceptionAsync(
        DelegateResult<HttpResponseMessage> outcome, CancellationToken cancellationToken)
    {
        if (outcome.Result is not { } response)
        {
            return outcome.Exception;
        }

        using (response)
        {
            return await ApiErrors.CreateAsync(response, timeProvider, options.ApiKey, cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
