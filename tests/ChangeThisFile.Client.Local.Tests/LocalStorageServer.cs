using ChangeThisFile.Client.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Client.Local.Tests;

/// <summary>
/// A Kestrel server on 127.0.0.1 that maps the local storage endpoint at <c>/storage</c> over a temporary folder.
/// </summary>
internal sealed class LocalStorageServer : IAsyncDisposable
{
    public const string SigningKey = "q6N3yOZlL0mZ7kW1cJr8v2Hh9xT4sPqA5dEfGhIjKlM=";

    private readonly WebApplication _app;

    private LocalStorageServer(WebApplication app, LocalObjectStorage storage, DirectoryInfo root, Uri baseUrl)
    {
        _app = app;
        Storage = storage;
        Root = root;
        BaseUrl = baseUrl;
    }

    public LocalObjectStorage Storage { get; }

    public DirectoryInfo Root { get; }

    public Uri BaseUrl { get; }

    public static async Task<LocalStorageServer> StartAsync(TimeProvider clock, DirectoryInfo? root = null)
    {
        root ??= Directory.CreateTempSubdirectory("ctf-local-storage-");
        LocalObjectStorage? storage = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(_ => storage!);
        var app = builder.Build();
        app.MapLocalObjectStorage("/storage");
        await app.StartAsync();

        var baseUrl = new Uri(app.Urls.Single() + "/storage");
        storage = new LocalObjectStorage(
            new LocalObjectStorageOptions
            {
                RootPath = root.FullName, PublicBaseUrl = baseUrl.ToString(), SigningKey = SigningKey,
            },
            clock);
        return new LocalStorageServer(app, storage, root, baseUrl);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Root.Delete(recursive: true);
    }
}
