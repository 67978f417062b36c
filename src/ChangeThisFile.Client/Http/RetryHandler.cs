using System.Net;
using System.Runtime.ExceptionServices;
using ChangeThisFile.Client.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace ChangeThisFile.Client.Http;

/// <summary>
/// Retries transient failures through a Polly policy: connection failures and other
/// <see cref="HttpRequestException"/>s, attempt timeouts, HTTP 408, 409 (an idempotent request
/// still in flight), 429 and 5xx.
/// </summary>
/// <remarks>
/// The waits use the injected <see cref="TimeProvider"/> and stop at once on cancellation.
/// <see cref="RetryGate"/> decides before each retry whether it is allowed at all.
/// </remarks>
internal sealed partial class RetryHandler(
    IOptionsMonitor<ConversionClientOptions> optionsMonitor,
    string name,
    TimeProvider timeProvider,
    ILogger logger,
    ConversionClientMetrics metrics) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var options = optionsMonitor.Get(name);
        if (options.MaxRetryAttempts <= 0)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        // Most requests succeed at once, so the first attempt runs without the retry policy, whose
        // building and running cost more than the rest of the handler chain. The policy, with the
        // same predicates, takes over from the first retry.
        DelegateResult<HttpResponseMessage> first;
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!IsRetryable(response))
            {
                return response;
            }

            first = new DelegateResult<HttpResponseMessage>(response);
        }
        catch (Exception exception) when (IsRetryable(exception))
        {
            first = new DelegateResult<HttpResponseMessage>(exception);
        }

        return await RetryAsync(request, options, first, cancellationToken).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> RetryAsync(
        HttpRequestMessage request,
        ConversionClientOptions options,
        DelegateResult<HttpResponseMessage> first,
        CancellationToken cancellationToken)
    {
        var gate = new RetryGate(request, options, timeProvider);
        var policy = Policy<HttpResponseMessage>
            .Handle<Exception>(IsRetryable)
            .OrResult(IsRetryable)
            .RetryAsync(
                options.MaxRetryAttempts - 1,
                (outcome, retryNumber, _) => BeforeRetryAsync(gate, outcome, retryNumber + 1, cancellationToken));
        try
        {
            await BeforeRetryAsync(gate, first, 1, cancellationToken).ConfigureAwait(false);
            return await policy
                .ExecuteAsync(token => base.SendAsync(request, token), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (RetryVetoedException veto)
        {
            if (veto.Response is not null)
            {
                return veto.Response;
            }

            ExceptionDispatchInfo.Capture(veto.Failure!).Throw();
            throw;
        }
    }

    /// <summary>Server errors, 408, 429 and 409 (an idempotent request still in flight).</summary>
    private static bool IsRetryable(HttpResponseMessage response) =>
        (int)response.StatusCode >= 500
        || response.StatusCode is HttpStatusCode.RequestTimeout
            or HttpStatusCode.TooManyRequests
            or HttpStatusCode.Conflict;

    /// <summary>Transport failures and the timeout of a single attempt or upload.</summary>
    private static bool IsRetryable(Exception exception) =>
        exception is HttpRequestException
            or ConversionTimeoutException { Kind: ConversionTimeoutKind.Attempt or ConversionTimeoutKind.Upload };

    private async Task BeforeRetryAsync(
        RetryGate gate,
        DelegateResult<HttpResponseMessage> outcome,
        int retryNumber,
        CancellationToken cancellationToken)
    {
        var decision = await gate.DecideAsync(outcome, retryNumber, cancellationToken).ConfigureAwait(false);
        var context = gate.Context;
        var url = UrlRedaction.Redact(gate.Request.RequestUri);
        if (decision.Veto is { } reason)
        {
            Log.NotRetrying(logger, context.Operation, gate.Request.Method, url, decision.Reason, reason);
            if (decision.OutlastsTotal
                && outcome.Exception is ConversionTimeoutException { Kind: ConversionTimeoutKind.Attempt } attempt)
            {
                // A server response or a connection failure gives the caller more than a bare timeout,
                // but an attempt that timed out with no time left is the total timeout expiring.
                throw new RetryVetoedException(
                    null, new ConversionTimeoutException(ConversionTimeoutKind.Total, gate.TotalTimeout, innerException: attempt));
            }

            throw new RetryVetoedException(outcome.Result, outcome.Exception);
        }

        Log.Retrying(
            logger,
            context.Operation,
            gate.Request.Method,
            url,
            decision.Reason,
            retryNumber,
            gate.MaxRetries,
            decision.Delay);
        var tags = ConversionClientMetrics.OperationTags(context.Operation);
        tags.Add(ConversionClientDiagnostics.RetryReasonTagName, decision.Reason);
        metrics.Retries.Add(1, tags);

        outcome.Result?.Dispose();
        if (decision.Delay > TimeSpan.Zero)
        {
            await Task.Delay(decision.Delay, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Carries an outcome that must reach the caller unchanged instead of being retried.</summary>
    private sealed class RetryVetoedException(HttpResponseMessage? response, Exception? failure) : Exception
    {
        public HttpResponseMessage? Response { get; } = response;

        public Exception? Failure { get; } = failure;
    }

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Warning,
            "{Operation}: retrying {Method} {Url} after {Reason}, retry {RetryNumber} of {MaxRetries} in {Delay}")]
        public static partial void Retrying(
            ILogger logger, string operation, HttpMethod method, string url, string reason,
            int retryNumber, int maxRetries, TimeSpan delay);

        [LoggerMessage(11, LogLevel.Warning, "{Operation}: not retrying {Method} {Url} after {Reason}: {Veto}")]
        public static partial void NotRetrying(
            ILogger logger, string operation, HttpMethod method, string url, string reason, string veto);
    }
}
