using System.Globalization;
using ChangeThisFile.Client.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Client.Http;

/// <summary>
/// The outermost handler: logs each logical request at Debug and records the request counter
/// and duration histogram. URLs are logged without query string.
/// </summary>
internal sealed partial class TelemetryHandler(
    ILogger logger, ConversionClientMetrics metrics, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ConversionRequestContext.Of(request);
        // Redacting builds a new string, so it happens only when the debug log is on.
        var url = logger.IsEnabled(LogLevel.Debug) ? UrlRedaction.Redact(request.RequestUri) : "";
        Log.Sending(logger, context.Operation, request.Method, url);
        var started = timeProvider.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = timeProvider.GetElapsedTime(started);
            Log.Received(logger, (int)response.StatusCode, request.Method, url, elapsed.TotalMilliseconds);
            Record(context.Operation, request.Method, (int)response.StatusCode, null, elapsed);
            return response;
        }
        catch (Exception exception)
        {
            var elapsed = timeProvider.GetElapsedTime(started);
            Log.NoResponse(logger, request.Method, url, elapsed.TotalMilliseconds, exception.GetType().Name);
            Record(context.Operation, request.Method, null, exception.GetType().FullName, elapsed);
            throw;
        }
    }

    private void Record(string operation, HttpMethod method, int? status, string? errorType, TimeSpan elapsed)
    {
        // Building the tags boxes values, which is wasted when nothing listens to the meter.
        if (!metrics.Requests.Enabled && !metrics.RequestDuration.Enabled)
        {
            return;
        }

        var tags = ConversionClientMetrics.OperationTags(operation);
        tags.Add("http.request.method", method.Method);
        if (status is { } code)
        {
            tags.Add("http.response.status_code", code);
        }

        if (errorType is not null || status >= 400)
        {
            tags.Add("error.type", errorType ?? status!.Value.ToString(CultureInfo.InvariantCulture));
        }

        metrics.Requests.Add(1, tags);
        metrics.RequestDuration.Record(elapsed.TotalSeconds, tags);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "{Operation}: sending {Method} {Url}")]
        public static partial void Sending(ILogger logger, string operation, HttpMethod method, string url);

        [LoggerMessage(
            2, LogLevel.Debug, "Received HTTP {StatusCode} for {Method} {Url} after {ElapsedMilliseconds:0.#} ms")]
        public static partial void Received(
            ILogger logger, int statusCode, HttpMethod method, string url, double elapsedMilliseconds);

        [LoggerMessage(
            3, LogLevel.Debug, "No response for {Method} {Url} after {ElapsedMilliseconds:0.#} ms: {ExceptionType}")]
        public static partial void NoResponse(
            ILogger logger, HttpMethod method, string url, double elapsedMilliseconds, string exceptionType);
    }
}
