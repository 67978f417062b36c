using ChangeThisFile.Client.Diagnostics;
using ChangeThisFile.Client.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.DependencyInjection;

internal sealed class ConversionClientFactory(
    IHttpClientFactory httpClientFactory,
    IOptionsMonitor<ConversionClientOptions> optionsMonitor,
    ConversionClientRegistry registry,
    TimeProvider timeProvider,
    ILogger<ConversionClient> logger,
    ConversionClientMetrics metrics,
    DownloadUrlGuard urlGuard) : IConversionClientFactory
{
    public IConversionClient CreateClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!registry.Contains(name))
        {
            throw new InvalidOperationException(
                $"No ChangeThisFile client named '{name}' is registered; " +
                $"call services.AddConversionClient(\"{name}\", ...) first.");
        }

        var httpClient = httpClientFactory.CreateClient(ConversionClientRegistry.HttpClientName(name));
        return new ConversionClient(httpClient, optionsMonitor.Get(name), timeProvider, logger, metrics, urlGuard);
    }
}

/// <summary>The names passed to <c>AddConversionClient</c>, and the names of their HTTP clients.</summary>
internal sealed class ConversionClientRegistry
{
    private const string HttpClientNamePrefix = "ChangeThisFile.Client";
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns the HTTP client name: a prefix keeps it apart from the application's own clients,
    /// such as the unnamed default client of <see cref="IHttpClientFactory"/>, whose name is empty.
    /// </summary>
    public static string HttpClientName(string name) =>
        name.Length == 0 ? HttpClientNamePrefix : HttpClientNamePrefix + ":" + name;

    public void Add(string name)
    {
        lock (_names)
        {
            _names.Add(name);
        }
    }

    public bool Contains(string name)
    {
        lock (_names)
        {
            return _names.Contains(name);
        }
    }
}
