using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Local;

/// <summary>
/// Settings of <see cref="SqliteConversionRecordStore"/>, usually bound from the <c>SqliteRecords</c> section.
/// </summary>
public sealed class SqliteConversionRecordStoreOptions
{
    /// <summary>
    /// The configuration section that <c>AddSqliteConversionRecordStore(IConfiguration)</c> reads by convention.
    /// </summary>
    public const string SectionName = "SqliteRecords";

    /// <summary>
    /// The database file, such as <c>data/records.db</c>; created with its folder and schema on first
    /// use. Required. In-memory databases are rejected because the records must survive a restart.
    /// </summary>
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>How long a command waits for a lock held by another writer. Default 30 seconds.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Checks <see cref="SqliteConversionRecordStoreOptions"/> at start-up, naming the bad value and the fix.
/// </summary>
public sealed class SqliteConversionRecordStoreOptionsValidator : IValidateOptions<SqliteConversionRecordStoreOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SqliteConversionRecordStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var path = options.DatabasePath;
        if (string.IsNullOrWhiteSpace(path) || path.Trim() == ":memory:" ||
            path.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add(
                $"SqliteRecords:DatabasePath '{path}' is missing or in memory. Set it to a database file such as " +
                "'data/records.db', so that records survive a restart.");
        }

        if (options.CommandTimeout < TimeSpan.FromSeconds(1))
        {
            failures.Add(
                $"SqliteRecords:CommandTimeout {options.CommandTimeout} is shorter than 1 second. " +
                "Use at least '00:00:01'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
