using System.Collections.Concurrent;

namespace ChangeThisFile.Client.Tests.Infrastructure;

/// <summary>An <see cref="IProgress{T}"/> that records every report synchronously, in order.</summary>
public sealed class RecordingProgress<T> : IProgress<T>
{
    private readonly ConcurrentQueue<T> _values = new();

    public IReadOnlyList<T> Values => _values.ToList();

    public void Report(T value) => _values.Enqueue(value);
}
