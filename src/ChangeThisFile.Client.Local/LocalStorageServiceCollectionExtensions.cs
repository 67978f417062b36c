using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Local;

/// <summary>Registers the local file-system storage and the SQLite record store.</summary>
public static class LocalStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="LocalObjectStorage"/> as the <see cref="IObjectStorage"/>, with options bound
    /// from <paramref name="configuration"/> (such as the <c>LocalStorage</c> section) and validated at start-up.
    /// Map its endpoint with <see cref="LocalObjectStorageEndpointExtensions.MapLocalObjectStorage"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section with <c>RootPath</c>, <c>PublicBaseUrl</c> and
    /// <c>SigningKey</c>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddLocalObjectStorage(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddLocalObjectStorage(options => configuration.Bind(options));
    }

    /// <summary>
    /// Registers <see cref="LocalObjectStorage"/> as the <see cref="IObjectStorage"/>, configured in code.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddLocalObjectStorage(
        this IServiceCollection services, Action<LocalObjectStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<LocalObjectStorageOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<
            IValidateOptions<LocalObjectStorageOptions>, LocalObjectStorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LocalObjectStorage(
            sp.GetRequiredService<IOptions<LocalObjectStorageOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<LocalObjectStorage>>()));
        services.Replace(
            ServiceDescriptor.Singleton<IObjectStorage>(sp => sp.GetRequiredService<LocalObjectStorage>()));
        return services;
    }

    /// <summary>
    /// Registers <see cref="SqliteConversionRecordStore"/> as the <see cref="IConversionRecordStore"/>, with
    /// options bound from <paramref name="configuration"/> (such as the <c>SqliteRecords</c> section) and
    /// validated at start-up.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section with <c>DatabasePath</c>.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSqliteConversionRecordStore(
        this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddSqliteConversionRecordStore(options => configuration.Bind(options));
    }

    /// <summary>
    /// Registers <see cref="SqliteConversionRecordStore"/> as the <see cref="IConversionRecordStore"/>, configured
    /// in code.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddSqliteConversionRecordStore(
        this IServiceCollection services, Action<SqliteConversionRecordStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<SqliteConversionRecordStoreOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<
            IValidateOptions<SqliteConversionRecordStoreOptions>, SqliteConversionRecordStoreOptionsValidator>());
        services.TryAddSingleton(sp => new SqliteConversionRecordStore(
            sp.GetRequiredService<IOptions<SqliteConversionRecordStoreOptions>>().Value,
            sp.GetService<ILogger<SqliteConversionRecordStore>>()));
        services.Replace(
            ServiceDescriptor.Singleton<IConversionRecordStore>(
                sp => sp.GetRequiredService<SqliteConversionRecordStore>()));
        return services;
    }
}
