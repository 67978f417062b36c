using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Azure;

/// <summary>
/// Settings of <see cref="AzureTableConversionRecordStore"/>, usually bound from the <c>AzureTableRecords</c>
/// section.
/// </summary>
public sealed class AzureTableRecordStoreOptions
{
    /// <summary>
    /// The configuration section that <c>AddAzureTableConversionRecordStore(IConfiguration)</c> reads by
    /// convention.
    /// </summary>
    public const string SectionName = "AzureTableRecords";

    /// <summary>
    /// A storage account connection string. Required unless the application registers its own
    /// <c>TableServiceClient</c>. Keep it in a secret store.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The table, 3 to 63 letters and digits starting with a letter. Required.</summary>
    public string TableName { get; set; } = string.Empty;

    /// <summary>
    /// Whether the store creates the table on first use when it does not exist. Default <see langword="false"/>.
    /// </summary>
    public bool CreateTableIfMissing { get; set; }
}

/// <summary>Checks <see cref="AzureTableRecordStoreOptions"/> at start-up, naming the bad value and the fix.</summary>
public sealed class AzureTableRecordStoreOptionsValidator : IValidateOptions<AzureTableRecordStoreOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AzureTableRecordStoreOptions options) =>
        Validate(options, clientProvided: false);

    internal static ValidateOptionsResult Validate(AzureTableRecordStoreOptions options, bool clientProvided)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.TableName is not { Length: >= 3 and <= 63 } table || !char.IsAsciiLetter(table[0]) ||
            !table.All(char.IsAsciiLetterOrDigit))
        {
            failures.Add(
                $"AzureTableRecords:TableName '{options.TableName}' is not a valid table name. Use 3 to 63 letters " +
                "and digits, starting with a letter, such as 'ConversionRecords'.");
        }

        if (!clientProvided && string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add(
                "AzureTableRecords:ConnectionString is missing. Set it to the storage account's connection string, " +
                "or register a TableServiceClient (for example with a managed identity).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// Skips the connection string when the application registered its own <c>TableServiceClient</c>.
    /// </summary>
    internal sealed class Registered(IServiceProvider services) : IValidateOptions<AzureTableRecordStoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, AzureTableRecordStoreOptions options) =>
            AzureTableRecordStoreOptionsValidator.Validate(
                options, services.GetService(typeof(global::Azure.Data.Tables.TableServiceClient)) is not null);
    }
}
