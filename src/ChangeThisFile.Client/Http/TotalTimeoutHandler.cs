using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Http;

/// <summary>
/// Starts <see cref="ConversionClientOptions.TotalTimeout"/> for a control call by setting its
/// deadline. Uploads and downloads pass through.
/// </summary>
/// <remarks>
/// No timer runs here: <see cref="AttemptTimeoutHandler"/> cuts each attempt at the deadline when
/// that comes before the attempt's own limit, and <see cref="RetryGate"/> refuses a wait that
/// would end after it. Together they bound the call, every attempt and every wait included,
/// with one timer per attempt instead of two.
/// </remarks>
internal sealed class TotalTimeoutHandler(
    IOptionsMonitor<ConversionClientOptions> optionsMonitor, string name, TimeProvider timeProvider) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ConversionRequestContext.Of(request);
        if (context.Kind == RequestKind.Control)
        {
            var timeout = optionsMonitor.Get(name).TotalTimeout;
            context.TotalTimeout = timeout;
            context.TotalStarted = timeout == Timeout.InfiniteTimeSpan ? null : timeProvider.GetTimestamp();
        }

        return base.SendAsync(request, cancellationToken);
    }
}
