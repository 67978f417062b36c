using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Http;

/// <summary>
/// Bounds one attempt by <see cref="ConversionClientOptions.AttemptTimeout"/>, or by
/// <see cref="ConversionClientOptions.UploadTimeout"/> for uploads. The attempt ends when the
/// response headers arrive; for small responses it also reads the body whole.
/// </summary>
internal sealed class AttemptTimeoutHandler(
    IOptionsMonitor<ConversionClientOptions> optionsMonitor, string name, TimeProvider timeProvider) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ConversionRequestContext.Of(request);
        var options = optionsMonitor.Get(name);
        var (timeout, kind) = context.Kind == RequestKind.Upload
            ? (options.UploadTimeout, ConversionTimeoutKind.Upload)
            : (options.AttemptTimeout, ConversionTimeoutKind.Attempt);
        return TimeoutScope.RunAsync(
            token => SendOnceAsync(request, context, token), timeout, kind, timeProvider, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendOnceAsync(
        HttpRequestMessage request, ConversionRequestContext context, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!context.BufferResponse)
        {
            return response;
        }

        try
        {
            await ResponseBuffer.LoadAsync(response, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
