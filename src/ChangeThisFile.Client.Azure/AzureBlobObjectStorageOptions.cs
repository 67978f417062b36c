using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Azure;

/// <summary>
/// Settings of <see cref="AzureBlobObjectStorage"/>, usually bound from the <c>AzureBlobStorage</c> section.
/// </summary>
public sealed class AzureBlobObjectStorageOptions
{
    /// <summary>
    /// The configuration section that <c>AddAzureBlobObjectStorage(IConfiguration)</c> reads by convention.
    /// </summary>
    public const string SectionName = "AzureBlobStorage";

    /// <summary>The default block size of a streamed upload: 4 MiB.</summary>
    public const int DefaultBlockSizeBytes = 4 * 1024 * 1024;

    /// <summary>The default number of blocks uploaded at once: 2.</summary>
    public const int DefaultMaxConcurrency = 2;

    /// <summary>
    /// A storage account connection string with the account key, which SAS URLs are signed with.
    /// Required unless the application registers its own <c>BlobServiceClient</c> (for example with a
    /// managed identity, when SAS URLs are signed with a user delegation key). Keep it in a secret store.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The container for the objects. Required.</summary>
    public string ContainerName { get; set; } = string.Empty;

    /// <summary>
    /// Whether the storage creates the container when it does not exist, on the first write or the
    /// first upload URL it issues. Default <see langword="false"/>.
    /// </summary>
    public bool CreateContainerIfMissing { get; set; }

    /// <summary>
    /// The size of each block when a stream is uploaded, in bytes. Default <see cref="DefaultBlockSizeBytes"/>.
    /// </summary>
    public int BlockSizeBytes { get; set; } = DefaultBlockSizeBytes;

    /// <summary>
    /// How many blocks upload at once; a forward-only stream buffers this many blocks. Default
    /// <see cref="DefaultMaxConcurrency"/>.
    /// </summary>
    public int MaxConcurrency { get; set; } = DefaultMaxConcurrency;
}

/// <summary>Checks <see cref="AzureBlobObjectStorageOptions"/> at start-up, naming the bad value and the fix.</summary>
public sealed class AzureBlobObjectStorageOptionsValidator : IValidateOptions<AzureBlobObjectStorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AzureBlobObjectStorageOptions options) =>
        Validate(options, clientProvided: false);

    internal static ValidateOptionsResult Validate(AzureBlobObjectStorageOptions options, bool clientProvided)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.ContainerName is not { Length: >= 3 and <= 63 } container ||
            !container.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') ||
            container[0] == '-' || container[^1] == '-' || container.Contains("--", StringComparison.Ordinal))
        {
            failures.Add(
                $"AzureBlobStorage:ContainerName '{options.ContainerName}' is not a valid container name. " +
                "Use 3 to 63 lowercase letters, digits and single hyphens, " +
                "starting and ending with a letter or digit.");
        }

        if (!clientProvided && !AzureConnectionStrings.HasAccountKey(options.ConnectionString))
        {
            failures.Add(
                "AzureBlobStorage:ConnectionString is missing or has no AccountKey. Set it to the storage account's " +
                "connection string, or register a BlobServiceClient (for example with a managed identity).");
        }

        if (options.BlockSizeBytes is < 1024 * 1024 or > 1024 * 1024 * 1024)
        {
            failures.Add(
                $"AzureBlobStorage:BlockSizeBytes {options.BlockSizeBytes} is out of range. " +
                "Use 1 MiB (1048576) to 1 GiB (1073741824).");
        }

        if (options.MaxConcurrency is < 1 or > 64)
        {
            failures.Add($"AzureBlobStorage:MaxConcurrency {options.MaxConcurrency} is out of range. Use 1 to 64.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Skips the connection string when the application registered its own <c>BlobServiceClient</c>.</summary>
    internal sealed class Registered(IServiceProvider services) : IValidateOptions<AzureBlobObjectStorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, AzureBlobObjectStorageOptions options) =>
            AzureBlobObjectStorageOptionsValidator.Validate(
                options, services.GetService(typeof(global::Azure.Storage.Blobs.BlobServiceClient)) is not null);
    }
}

/// <summary>Reads connection strings without exposing their secrets in messages.</summary>
internal static class AzureConnectionStrings
{
    public static bool HasAccountKey(string? connectionString) =>
        !string.IsNullOrWhiteSpace(connectionString) &&
        (connectionString.Contains("AccountKey=", StringComparison.OrdinalIgnoreCase) ||
         connectionString.Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase));
}
