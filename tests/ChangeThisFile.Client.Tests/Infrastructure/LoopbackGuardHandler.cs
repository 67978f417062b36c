using System.Collections.Concurrent;

namespace ChangeThisFile.Client.Tests.Infrastructure;

/// <summary>
/// The innermost handler of every client built by the tests: it records the host of each request
/// and refuses any host other than 127.0.0.1, so no test can reach the network.
/// </summary>
public sealed class LoopbackGuardHandler(ConcurrentQueue<string> hosts) : DelegatingHandler
{
    public ConcurrentQueue<string> Hosts { get; } = hosts;

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = request.RequestUri?.Host ?? "(none)";
        Hosts.Enqueue(host);
        if (host != "127.0.0.1")
        {
            throw new InvalidOperationException(
                $"A test tried to send a request to {host}; tests may reach only 127.0.0.1.");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
