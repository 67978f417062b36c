using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Aws;

/// <summary>
/// Settings of <see cref="DynamoDbConversionRecordStore"/>, usually bound from the <c>DynamoDbRecords</c> section.
/// </summary>
public sealed class DynamoDbRecordStoreOptions
{
    /// <summary>
    /// The configuration section that <c>AddDynamoDbConversionRecordStore(IConfiguration)</c> reads by convention.
    /// </summary>
    public const string SectionName = "DynamoDbRecords";

    /// <summary>The table, with string keys <c>pk</c> (hash) and <c>sk</c> (range). Required.</summary>
    public string TableName { get; set; } = string.Empty;

    /// <summary>The AWS region, such as <c>eu-west-1</c>. Required unless <see cref="ServiceUrl"/> is set.</summary>
    public string? Region { get; set; }

    /// <summary>The endpoint of a DynamoDB-compatible server, such as a local test server. Unset for AWS.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// An access key id; unset (with <see cref="SecretAccessKey"/>) for the default credential chain.
    /// </summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The secret access key that goes with <see cref="AccessKeyId"/>. Keep it in a secret store.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>
    /// Whether the store creates the table (on-demand capacity) on first use when it does not exist.
    /// Default <see langword="false"/>: production tables belong in the deployment template.
    /// </summary>
    public bool CreateTableIfMissing { get; set; }
}

/// <summary>Checks <see cref="DynamoDbRecordStoreOptions"/> at start-up, naming the bad value and the fix.</summary>
public sealed class DynamoDbRecordStoreOptionsValidator : IValidateOptions<DynamoDbRecordStoreOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DynamoDbRecordStoreOptions options) =>
        Validate(options, clientProvided: false);

    /// <summary>Checks the options; the endpoint, region and credentials only when no client is provided.</summary>
    internal static ValidateOptionsResult Validate(DynamoDbRecordStoreOptions options, bool clientProvided)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.TableName is not { Length: >= 3 and <= 255 } table ||
            !table.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            failures.Add(
                $"DynamoDbRecords:TableName '{options.TableName}' is not a valid table name. Use 3 to 255 letters, " +
                "digits, '_', '-' or '.', such as 'conversion-records'.");
        }

        if (!clientProvided)
        {
            AddClientFailures(options, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddClientFailures(DynamoDbRecordStoreOptions options, List<string> failures)
    {
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl) &&
            !S3ObjectStorageOptionsValidator.IsHttpUrl(options.ServiceUrl))
        {
            failures.Add(
                $"DynamoDbRecords:ServiceUrl '{options.ServiceUrl}' is not an absolute http or https URL. " +
                "Leave it unset for AWS.");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceUrl) && string.IsNullOrWhiteSpace(options.Region))
        {
            failures.Add("DynamoDbRecords:Region is missing. Set it to the table's region, such as 'eu-west-1'.");
        }

        if (string.IsNullOrEmpty(options.AccessKeyId) != string.IsNullOrEmpty(options.SecretAccessKey))
        {
            failures.Add(
                "DynamoDbRecords:AccessKeyId and DynamoDbRecords:SecretAccessKey must be set together. Set both, " +
                "or neither to use the default credential chain.");
        }
    }

    /// <summary>
    /// Skips the client settings when the application registered its own
    /// <see cref="Amazon.DynamoDBv2.IAmazonDynamoDB"/>.
    /// </summary>
    internal sealed class Registered(IServiceProvider services) : IValidateOptions<DynamoDbRecordStoreOptions>
    {
        public ValidateOptionsResult Validate(string? name, DynamoDbRecordStoreOptions options) =>
            DynamoDbRecordStoreOptionsValidator.Validate(
                options, clientProvided: services.GetService(typeof(Amazon.DynamoDBv2.IAmazonDynamoDB)) is not null);
    }
}
