using Microsoft.Extensions.Configuration;

namespace ChangeThisFile.Client.AspNetCore.Tests.Infrastructure;

/// <summary>
/// An in-memory configuration source whose values a test changes and reloads, as a file watcher
/// would.
/// </summary>
public sealed class ReloadableConfigurationSource(IDictionary<string, string?> initial) : IConfigurationSource
{
    public ReloadableConfigurationProvider Provider { get; } = new(initial);

    public IConfigurationProvider Build(IConfigurationBuilder builder) => Provider;
}

public sealed class ReloadableConfigurationProvider : ConfigurationProvider
{
    public ReloadableConfigurationProvider(IDictionary<string, string?> initial)
    {
        foreach (var (key, value) in initial)
        {
            Data[key] = value;
        }
    }

    public void Replace(IDictionary<string, string?> values)
    {
        Data.Clear();
        foreach (var (key, value) in values)
        {
            Data[key] = value;
        }

        try
        {
            OnReload();
        }
        catch (AggregateException)
        {
            // Options validation fails inside the reload callback when the new values are invalid.
            // A file provider raises reloads on a background task, so the exception never reaches
            // the code that changed the file; behave the same here.
        }
    }
}
