namespace ChangeThisFile.Client.Tests.Infrastructure;

/// <summary>
/// Fails the first <paramref name="failures"/> attempts the way a refused connection fails:
/// before any byte of the request body is read.
/// </summary>
public sealed class ConnectionFailureHandler(int failures) : DelegatingHandler
{
    private int _remaining = failures;

    protected override Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Interlocked.Decrement(ref _remaining) >= 0)
        {
            throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1)");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
