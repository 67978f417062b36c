namespace ChangeThisFile.Client.Testing.Servers;

/// <summary>
/// A dynalite (DynamoDB-compatible) server on 127.0.0.1: the one named by
/// <c>CTF_TEST_DYNAMODB_URL</c>, or one started in memory from <c>tools/node_modules</c>.
/// </summary>
/// <remarks>dynalite lacks transactions and TTL.</remarks>
public sealed class DynaliteFixture : IAsyncLifetime
{
    /// <summary>The environment variable with the address of a running dynalite.</summary>
    public const string UrlVariable = "CTF_TEST_DYNAMODB_URL";

    /// <summary>The signing region the tests use.</summary>
    public const string Region = "us-east-1";

    private static readonly SharedServer<Uri> Server = new(StartAsync);

    /// <summary>The server's base address, such as <c>http://127.0.0.1:4569</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        TestEnvironment.DisableCloudMetadata();
        Url = await Server.AcquireAsync();
    }

    /// <inheritdoc />
    public Task DisposeAsync() => Server.ReleaseAsync();

    private static async Task<(Uri, IAsyncDisposable?)> StartAsync()
    {
        if (TestEnvironment.ReadUrl(UrlVariable) is { } url)
        {
            return (url, null);
        }

        var port = ServerProcess.FindFreePort();
        var process = await ServerProcess.StartAsync(
            "dynalite",
            ["--host", "127.0.0.1", "--port", $"{port}", "--createTableMs", "0", "--deleteTableMs", "0",
             "--updateTableMs", "0"],
            port);
        return (new Uri($"http://127.0.0.1:{port}"), new TemporaryServer(process, null));
    }
}
