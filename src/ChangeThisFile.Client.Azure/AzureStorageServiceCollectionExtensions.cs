using Azure.Data.Tables;
using Azure.Storage.Blobs;
using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Azure;

/// <summary>Registers the Blob Storage object storage and the Table Storage record store.</summary>
/// <remarks>
/// When the application registered its own <see cref="BlobServiceClient"/> or <see cref="TableServiceClient"/>
/// (for example with a managed identity), the adapters use it; otherwise they build one from the connection string.
/// </remarks>
public static class AzureStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AzureBlobObjectStorage"/> as the <see cref="IObjectStorage"/>, with options bound from
    /// <paramref name="configuration"/> (such as the <c>AzureBlobStorage</c> section) and validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section with <c>ConnectionString</c> and <c>ContainerName</c>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddAzureBlobObjectStorage(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddAzureBlobObjectStorage(options => configuration.Bind(options));
    }

    /// <summary>
    /// Registers <see cref="AzureBlobObjectStorage"/> as the <see cref="IObjectStorage"/>, configured in code.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddAzureBlobObjectStorage(
        this IServiceCollection services, Action<AzureBlobObjectStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AzureBlobObjectStorageOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<
            IValidateOptions<AzureBlobObjectStorageOptions>, AzureBlobObjectStorageOptionsValidator.Registered>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AzureBlobObjectStorageOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            var logger = sp.GetService<ILogger<AzureBlobObjectStorage>>();
            return sp.GetService<BlobServiceClient>() is { } client
                ? new AzureBlobObjectStorage(client, options, time, logger)
                : new AzureBlobObjectStorage(options, time, logger);
        });
        services.Replace(
            ServiceDescriptor.Singleton<IObjectStorage>(sp => sp.GetRequiredService<AzureBlobObjectStorage>()));
        return services;
    }

    /// <summary>
    /// Registers <see cref="AzureTableConversionRecordStore"/> as the <see cref="IConversionRecordStore"/>, with
    /// options bound from <paramref name="configuration"/> (such as the <c>AzureTableRecords</c> section) and
    /// validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section with <c>ConnectionString</c> and <c>TableName</c>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddAzureTableConversionRecordStore(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddAzureTableConversionRecordStore(options => configuration.Bind(options));
    }

    /// <summary>
    /// Registers <see cref="AzureTableConversionRecordStore"/> as the <see cref="IConversionRecordStore"/>,
    /// configured in code.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddAzureTableConversionRecordStore(
        this IServiceCollection services, Action<AzureTableRecordStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<AzureTableRecordStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<
            IValidateOptions<AzureTableRecordStoreOptions>, AzureTableRecordStoreOptionsValidator.Registered>());
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<AzureTableRecordStoreOptions>>().Value;
            var logger = sp.GetService<ILogger<AzureTableConversionRecordStore>>();
            return sp.GetService<TableServiceClient>() is { } client
                ? new AzureTableConversionRecordStore(client, options, logger)
                : new AzureTableConversionRecordStore(options, logger);
        });
        services.Replace(
            ServiceDescriptor.Singleton<IConversionRecordStore>(
                sp => sp.GetRequiredService<AzureTableConversionRecordStore>()));
        return services;
    }
}
