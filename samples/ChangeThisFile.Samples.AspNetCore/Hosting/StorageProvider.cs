using ChangeThisFile.Client.Aws;
using ChangeThisFile.Client.Azure;
using ChangeThisFile.Client.Local;

namespace ChangeThisFile.Samples.AspNetCore.Hosting;

/// <summary>
/// Registers the object storage and record store named by <c>Storage:Provider</c>: <c>Local</c>
/// (files on disk served by this application, records in SQLite), <c>Aws</c> (S3 or R2, with
/// DynamoDB) or <c>Azure</c> (Blob Storage, with Table Storage).
/// </summary>
internal static class StorageProvider
{
    /// <summary>The setting that chooses the provider.</summary>
    public const string ProviderKey = "Storage:Provider";

    /// <summary>The provider used when <c>Storage:Provider</c> is not set.</summary>
    public const string Local = "Local";

    /// <summary>S3 or R2 for files, DynamoDB for records.</summary>
    public const string Aws = "Aws";

    /// <summary>Blob Storage for files, Table Storage for records.</summary>
    public const string Azure = "Azure";

    /// <summary>Returns the provider named by the configuration, in its canonical spelling.</summary>
    /// <exception cref="InvalidOperationException">The name is not one of the three providers.</exception>
    public static string Read(IConfiguration configuration)
    {
        var name = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(name))
        {
            return Local;
        }

        foreach (var known in (string[])[Local, Aws, Azure])
        {
            if (string.Equals(name.Trim(), known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        throw new InvalidOperationException(
            $"{ProviderKey} '{name}' is not supported. Use {Local} (disk and SQLite), {Aws} (S3 or R2 and DynamoDB) " +
            $"or {Azure} (Blob Storage and Table Storage).");
    }

    /// <summary>Registers the provider's storage and record store from their configuration sections.</summary>
    public static void Register(
        string provider, IServiceCollection services, IConfiguration configuration, LocalDefaults localDefaults)
    {
        switch (provider)
        {
            case Aws:
                services.AddS3ObjectStorage(configuration.GetSection(S3ObjectStorageOptions.SectionName));
                services.AddDynamoDbConversionRecordStore(
                    configuration.GetSection(DynamoDbRecordStoreOptions.SectionName));
                break;
            case Azure:
                services.AddAzureBlobObjectStorage(configuration.GetSection(AzureBlobObjectStorageOptions.SectionName));
                services.AddAzureTableConversionRecordStore(
                    configuration.GetSection(AzureTableRecordStoreOptions.SectionName));
                break;
            default:
                services.AddLocalObjectStorage(configuration.GetSection(LocalObjectStorageOptions.SectionName));
                services.AddSqliteConversionRecordStore(
                    configuration.GetSection(SqliteConversionRecordStoreOptions.SectionName));
                services.PostConfigure<LocalObjectStorageOptions>(localDefaults.Apply);
                services.PostConfigure<SqliteConversionRecordStoreOptions>(localDefaults.Apply);
                break;
        }
    }
}
