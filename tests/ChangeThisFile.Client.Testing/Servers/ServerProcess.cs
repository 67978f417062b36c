using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChangeThisFile.Client.Testing.Servers;

/// <summary>
/// A storage server started from <c>tools/node_modules/.bin</c> on 127.0.0.1, stopped (with its
/// child processes) on dispose.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process) => _process = process;

    /// <summary>Returns a TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Finds an npm server's launcher, installing nothing.</summary>
    /// <param name="name">The npm binary name, such as <c>s3rver</c>.</param>
    /// <exception cref="InvalidOperationException">The repository's <c>tools/node_modules</c> lacks it.</exception>
    public static string FindBinary(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "node_modules", ".bin", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"The test server '{name}' is not installed. Run 'npm ci' in the repository's tools/ folder, " +
            "or start the servers with 'source scripts/servers.sh && start_test_servers'.");
    }

    /// <summary>Starts a server and waits until every port accepts connections.</summary>
    /// <param name="name">The npm binary name.</param>
    /// <param name="arguments">Its command-line arguments; they must bind it to 127.0.0.1.</param>
    /// <param name="ports">The ports to wait for.</param>
    public static async Task<ServerProcess> StartAsync(string name, IEnumerable<string> arguments, params int[] ports)
    {
        var info = new ProcessStartInfo(FindBinary(name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var server = new ServerProcess(Process.Start(info)
            ?? throw new InvalidOperationException($"Could not start {name}."));
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            foreach (var port in ports)
            {
                await server.WaitForPortAsync(name, port);
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitForPortAsync(string name, int port)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                break;
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        string output;
        lock (_output)
        {
            output = _output.ToString();
        }

        throw new InvalidOperationException($"{name} did not listen on 127.0.0.1:{port}. Its output:\n{output}");
    }
}
