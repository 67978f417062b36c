using Amazon.DynamoDBv2;
using Amazon.S3;
using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Aws;

/// <summary>Registers the S3 (or R2) object storage and the DynamoDB record store.</summary>
/// <remarks>
/// When the application registered its own <see cref="IAmazonS3"/> or <see cref="IAmazonDynamoDB"/>, the
/// adapters use it and leave its lifetime to the application; otherwise they build a client from the options.
/// </remarks>
public static class AwsStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="S3ObjectStorage"/> as the <see cref="IObjectStorage"/>, with options bound from
    /// <paramref name="configuration"/> (such as the <c>S3Storage</c> section) and validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section with <c>BucketName</c>, <c>Region</c> and so on.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddS3ObjectStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddS3ObjectStorage(options => configuration.Bind(options));
    }

    /// <summary>
    /// Registers <see cref="S3ObjectStorage"/> as the <see cref="IObjectStorage"/>, configured in code.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddS3ObjectStorage(
        this IServiceCollection services, Action<S3ObjectStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<S3ObjectStorageOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<
            IValidateOptions<S3ObjectStorageOptions>, S3ObjectStorageOptionsValidator.Registered>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<S3ObjectStorageOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            var logger = sp.GetService<ILogger<S3ObjectStorage>>();
            return sp.GetService<IAmazonS3>() is { } client
                ? new S3ObjectStorage(client, options, time, logger)
                : new S3ObjectStorage(options, time, logger);
        });
        services.Replace(ServiceDescriptor.Singleton<IObjectStorage>(sp => sp.GetRequiredService<S3ObjectStorage>()));
        return services;
    }

    /// <summary>
    /// Registers <see cref="DynamoDbConversionRecordStore"/> as the <see cref="IConversionRecordStore"/>, with
    /// options bound from <paramref name="configuration"/> (such as the <c>DynamoDbRecords</c> section) and
    /// validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section with <c>TableName</c>, <c>Region</c> and so on.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddDynamoDbConversionRecordStore(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddDynamoDbConversionRecordStore(options => configuration.Bind(options));
    }

    /// <summary>
    /// Registers <see cref="DynamoDbConversionRecordStore"/> as the <see cref="IConversionRecordStore"/>,
    /// configured in code.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddDynamoDbConversionRecordStore(
        this IServiceCollection services, Action<DynamoDbRecordStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<DynamoDbRecordStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<
            IValidateOptions<DynamoDbRecordStoreOptions>, DynamoDbRecordStoreOptionsValidator.Registered>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DynamoDbRecordStoreOptions>>().Value;
            var time = sp.GetRequiredService<TimeProvider>();
            var logger = sp.GetService<ILogger<DynamoDbConversionRecordStore>>();
            return sp.GetService<IAmazonDynamoDB>() is { } client
                ? new DynamoDbConversionRecordStore(client, options, time, logger)
                : new DynamoDbConversionRecordStore(options, time, logger);
        });
        services.Replace(
            ServiceDescriptor.Singleton<IConversionRecordStore>(
                sp => sp.GetRequiredService<DynamoDbConversionRecordStore>()));
        return services;
    }
}
