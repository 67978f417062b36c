using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Tests.Webhooks;

/// <summary>An options monitor whose value a test replaces, as a configuration reload does.</summary>
public sealed class TestOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    private Exception? _failure;

    public T CurrentValue => _failure is null ? value : throw _failure;

    public T Get(string? name) => CurrentValue;

    public IDisposable? OnChange(Action<T, string?> listener) => null;

    public void Set(T newValue)
    {
        value = newValue;
        _failure = null;
    }

    public void Fail(Exception failure) => _failure = failure;
}
