namespace ChangeThisFile.Client.Testing.Servers;

/// <summary>
/// Azurite's blob and table services on 127.0.0.1: the ones named by
/// <c>CTF_TEST_AZURITE_BLOB_URL</c> and <c>CTF_TEST_AZURITE_TABLE_URL</c>, or one Azurite started
/// in memory from <c>tools/node_modules</c> with telemetry off and the API version check skipped.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The environment variable with the blob endpoint, account path included.</summary>
    public const string BlobUrlVariable = "CTF_TEST_AZURITE_BLOB_URL";

    /// <summary>The environment variable with the table endpoint, account path included.</summary>
    public const string TableUrlVariable = "CTF_TEST_AZURITE_TABLE_URL";

    /// <summary>Azurite's well-known development account name.</summary>
    public const string AccountName = "devstoreaccount1";

    /// <summary>Azurite's well-known development account key (public, not a secret).</summary>
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly SharedServer<Endpoints> Server = new(StartAsync);

    /// <summary>The blob endpoint, such as <c>http://127.0.0.1:10000/devstoreaccount1</c>.</summary>
    public Uri BlobUrl { get; private set; } = null!;

    /// <summary>The table endpoint, such as <c>http://127.0.0.1:10002/devstoreaccount1</c>.</summary>
    public Uri TableUrl { get; private set; } = null!;

    /// <summary>A connection string for both services with the development account key.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint={BlobUrl};TableEndpoint={TableUrl};";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        var endpoints = await Server.AcquireAsync();
        (BlobUrl, TableUrl) = (endpoints.Blob, endpoints.Table);
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Server.ReleaseAsync();

    private static async Task<(Endpoints, IAsyncDisposable?)> StartAsync()
    {
        var blob = TestEnvironment.ReadUrl(BlobUrlVariable);
        var table = TestEnvironment.ReadUrl(TableUrlVariable);
        if (blob is not null && table is not null)
        {
            return (new Endpoints(blob, table), null);
        }

        var (blobPort, queuePort, tablePort) =
            (ServerProcess.FindFreePort(), ServerProcess.FindFreePort(), ServerProcess.FindFreePort());
        var process = await ServerProcess.StartAsync(
            "azurite",
            ["--silent", "--inMemoryPersistence", "--disableTelemetry", "--skipApiVersionCheck",
             "--blobHost", "127.0.0.1", "--blobPort", $"{blobPort}",
             "--queueHost", "127.0.0.1", "--queuePort", $"{queuePort}",
             "--tableHost", "127.0.0.1", "--tablePort", $"{tablePort}"],
            blobPort,
            tablePort);
        var endpoints = new Endpoints(
            new Uri($"http://127.0.0.1:{blobPort}/{AccountName}"),
            new Uri($"http://127.0.0.1:{tablePort}/{AccountName}"));
        return (endpoints, new TemporaryServer(process, null));
    }

    private sealed record Endpoints(Uri Blob, Uri Table);
}
