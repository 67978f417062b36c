namespace ChangeThisFile.Client.Testing.Servers;

/// <summary>
/// An s3rver on 127.0.0.1: the one named by <c>CTF_TEST_S3_URL</c>, or one started from
/// <c>tools/node_modules</c> with a temporary data folder.
/// </summary>
/// <remarks>s3rver accepts the access key <see cref="AccessKey"/> and does not verify signatures.</remarks>
public sealed class S3rverFixture : IAsyncLifetime
{
    /// <summary>The environment variable with the address of a running s3rver.</summary>
    public const string UrlVariable = "CTF_TEST_S3_URL";

    /// <summary>s3rver's built-in access key id and secret.</summary>
    public const string AccessKey = "S3RVER";

    /// <summary>The signing region the tests use.</summary>
    public const string Region = "us-east-1";

    private static readonly SharedServer<Uri> Server = new(StartAsync);

    /// <summary>The server's base address, such as <c>http://127.0.0.1:4568</c>.</summary>
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
        var data = Directory.CreateTempSubdirectory("ctf-s3rver-");
        var process = await ServerProcess.StartAsync(
            "s3rver", ["-d", data.FullName, "-a", "127.0.0.1", "-p", $"{port}", "--silent"], port);
        return (new Uri($"http://127.0.0.1:{port}"), new TemporaryServer(process, data));
    }
}
