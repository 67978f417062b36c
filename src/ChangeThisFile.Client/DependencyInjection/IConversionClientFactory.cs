namespace ChangeThisFile.Client;

/// <summary>
/// Creates clients registered with <c>services.AddConversionClient(name, ...)</c>, for
/// applications that use several API keys, and for singletons, which should create a client per
/// use instead of holding one (and with it one <see cref="HttpClient"/>) for their lifetime.
/// </summary>
public interface IConversionClientFactory
{
    /// <summary>Creates a client with the options and handlers registered under <paramref name="name"/>.</summary>
    /// <param name="name">The registration name; <see cref="string.Empty"/> for the unnamed client.</param>
    /// <returns>A new client over an <see cref="HttpClient"/> from <see cref="IHttpClientFactory"/>.</returns>
    /// <exception cref="InvalidOperationException">No client is registered under <paramref name="name"/>.</exception>
    IConversionClient CreateClient(string name);
}
