namespace ChangeThisFile.Client.Testing.Servers;

/// <summary>Environment settings shared by the server fixtures.</summary>
public static class TestEnvironment
{
    /// <summary>
    /// Stops the AWS SDK from ever asking the instance metadata service for credentials or a region;
    /// the tests always pass both explicitly.
    /// </summary>
    public static void DisableCloudMetadata() =>
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");

    /// <summary>Reads a server address from the environment.</summary>
    /// <param name="variable">The variable name.</param>
    /// <returns>The address, or <see langword="null"/> when the variable is unset or empty.</returns>
    /// <exception cref="InvalidOperationException">The value is not an absolute loopback URL.</exception>
    public static Uri? ReadUrl(string variable)
    {
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var url) || !url.IsLoopback)
        {
            throw new InvalidOperationException(
                $"{variable} is '{value}', which is not an absolute URL on 127.0.0.1. " +
                "Unset it to let the tests start their own server.");
        }

        return url;
    }
}

/// <summary>A started server process and the temporary folder it writes to, removed together.</summary>
internal sealed class TemporaryServer(ServerProcess process, DirectoryInfo? data) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        if (data is not null)
        {
            try
            {
                data.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still open by the exiting server; the folder is under the temp directory.
            }
        }
    }
}
