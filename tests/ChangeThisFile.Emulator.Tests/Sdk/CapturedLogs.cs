using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Emulator.Tests.Sdk;

/// <summary>One log record: category, level, event id, formatted message and exception text.</summary>
public sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, string? Exception);

/// <summary>A logger provider that keeps every record, to check retries and that no secret is logged.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<CapturedLog> _records = new();

    public IReadOnlyList<CapturedLog> Records => [.. _records];

    /// <summary>Returns every message and exception text, one record per line.</summary>
    public string AllText() => string.Join('\n', _records.Select(record => record.Message + " " + record.Exception));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _records);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<CapturedLog> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter) =>
            records.Enqueue(new CapturedLog(
                category, logLevel, eventId, formatter(state, exception), exception?.ToString()));
    }
}
