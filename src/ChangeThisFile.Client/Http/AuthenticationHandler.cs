using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Http;

/// <summary>
/// Adds <c>Authorization: Bearer</c> only to API requests whose scheme, host and port equal the
/// configured base address, and removes any <c>Authorization</c> header from every other request,
/// so no result download, on another host or on the API's own, ever receives the API key.
/// </summary>
/// <remarks>The key is read for each request, so a reloaded configuration applies at once.</remarks>
internal sealed class AuthenticationHandler(IOptionsMonitor<ConversionClientOptions> optionsMonitor, string name)
    : DelegatingHandler
{
    private const string Scheme = "Bearer";

    private volatile AuthenticationHeaderValue? _cached;

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var options = optionsMonitor.Get(name);
        var context = ConversionRequestContext.Of(request);
        if (!context.Anonymous
            && !string.IsNullOrEmpty(options.ApiKey)
            && Origins.AreSame(request.RequestUri, options.BaseAddress))
        {
            request.Headers.Authorization = HeaderFor(options.ApiKey);
        }
        else
        {
            request.Headers.Authorization = null;
        }

        return base.SendAsync(request, cancellationToken);
    }

    // The header value has no setters, so one instance serves every request until the key changes.
    private AuthenticationHeaderValue HeaderFor(string apiKey)
    {
        var cached = _cached;
        if (cached is not null && string.Equals(cached.Parameter, apiKey, StringComparison.Ordinal))
        {
            return cached;
        }

        cached = new AuthenticationHeaderValue(Scheme, apiKey);
        _cached = cached;
        return cached;
    }
}
