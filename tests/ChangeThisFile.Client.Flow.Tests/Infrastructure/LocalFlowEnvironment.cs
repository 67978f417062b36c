using ChangeThisFile.Client.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Client.Flow.Tests.Infrastructure;

/// <summary>
/// Local disk storage and SQLite in a temporary folder, with the storage endpoint mapped in the
/// same Kestrel application. The storage signs and checks URLs by <see cref="StorageClock"/>, a
/// fake clock that tests move forward to expire URLs.
/// </summary>
public sealed class LocalFlowEnvironment : FlowEnvironment
{
    public const string StoragePath = "/storage";

    // A test-only key: base64 of 32 bytes.
    private const string SigningKey = "u5ZkQ2tX8cW1nR4vB7yH0jL3mP6sD9fA2gE5hK8oN1q=";

    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("ctf-flow-local-");

    public FakeTimeProvider StorageClock { get; } = new(DateTimeOffset.UtcNow);

    protected override Task ConfigureStorageAsync(IServiceCollection services, Uri baseUrl)
    {
        var storage = new LocalObjectStorage(
            new LocalObjectStorageOptions
            {
                RootPath = Path.Combine(_root.FullName, "objects"),
                PublicBaseUrl = new Uri(baseUrl, StoragePath).ToString(),
                SigningKey = SigningKey,
            },
            StorageClock);
        services.AddSingleton(storage);
        services.AddSingleton<IObjectStorage>(storage);
        services.AddSqliteConversionRecordStore(
            options => options.DatabasePath = Path.Combine(_root.FullName, "records.db"));
        return Task.CompletedTask;
    }

    protected override void MapStorage(WebApplication app) => app.MapLocalObjectStorage(StoragePath);

    protected override Task DisposeStorageAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _root.Delete(recursive: true);
        return Task.CompletedTask;
    }
}
