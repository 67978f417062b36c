using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Http;

/// <summary>
/// Bounds one attempt by <see cref="ConversionClientOptions.AttemptTimeout"/>, or by
/// <see cref="ConversionClientOptions.UploadTimeout"/> for uploads, and a control call's attempt
/// also by the deadline of <see cref="ConversionClientOptions.TotalTimeout"/>. The attempt ends
/// when the response headers arrive. For small responses it also includes reading the body whole.
/// </summary>
internal sealed class AttemptTimeoutHandler(
    IOptionsMonitor<ConversionClientOptions> optionsMonitor, string name, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ConversionRequestContext.Of(request);
        var options = optionsMonitor.Get(name);
        var (limit, kind) = context.Kind == RequestKind.Upload
            ? (options.UploadTimeout, ConversionTimeoutKind.Upload)
            : (options.AttemptTimeout, ConversionTimeoutKind.Attempt);
        var reported = limit;
        if (context.TotalRemaining(timeProvider) is { } remaining)
        {
            if (remaining <= TimeSpan.Zero)
            {
                throw new ConversionTimeoutException(ConversionTimeoutKind.Total, options.TotalTimeout);
            }

            if (limit == Timeout.InfiniteTimeSpan || remaining < limit)
            {
                (limit, kind, reported) = (remaining, ConversionTimeoutKind.Total, options.TotalTimeout);
            }
        }

        using var source = limit == Timeout.InfiniteTimeSpan
            ? (TimeoutSource?)null
            : TimeoutSource.Start(limit, timeProvider, cancellationToken);
        var token = source?.Token ?? cancellationToken;
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, token).ConfigureAwait(false);
            if (context.BufferResponse)
            {
                await ResponseBuffer.LoadAsync(response, token).ConfigureAwait(false);
                context.BufferedContent = response.Content;
            }

            return response;
        }
        catch (Exception exception)
        {
            response?.Dispose();
            if (source is { } timeout && timeout.HasExpired(exception, cancellationToken))
            {
                throw new ConversionTimeoutException(kind, reported, innerException: exception);
            }

            throw;
        }
    }
}
