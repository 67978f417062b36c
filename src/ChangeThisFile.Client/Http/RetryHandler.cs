using System.Net;
using System.Runtime.ExceptionServices;
using ChangeThisFile.Client.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Extensions.Http;

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

        var gate = new RetryGate(request, options, timeProvider);
        var policy = HttpPolicyExtensions.HandleTransientHttpError()
            .OrResult(response => response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict)
            .Or<ConversionTimeoutException>(
                exception => exception.Kind is ConversionTimeoutKind.Attempt or ConversionTimeoutKind.Upload)
            .RetryAsync(
                options.MaxRetryAttempts,
                (outcome, retryNumber, _) => BeforeRetryAsync(gate, outcome, retryNumber, cancellationToken));
        try
        {
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
