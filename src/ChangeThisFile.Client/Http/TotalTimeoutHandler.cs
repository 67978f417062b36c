using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Http;

/// <summary>
/// Bounds a control call, every attempt and every wait between attempts included, by
/// <see cref="ConversionClientOptions.TotalTimeout"/>. Uploads and downloads pass through.
/// </summary>
internal sealed class TotalTimeoutHandler(
    IOptionsMonitor<ConversionClientOptions> optionsMonitor, string name, TimeProvider timeProvider) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ConversionRequestContext.Of(request);
        if (context.Kind != RequestKind.Control)
        {
            return base.SendAsync(request, cancellationToken);
        }

        var timeout = optionsMonitor.Get(name).TotalTimeout;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            context.TotalDeadline = timeProvider.GetUtcNow() + timeout;
        }

        return TimeoutScope.RunAsync(
            token => base.SendAsync(request, token),
            timeout,
            ConversionTimeoutKind.Total,
            timeProvider,
            cancellationToken);
    }
}
