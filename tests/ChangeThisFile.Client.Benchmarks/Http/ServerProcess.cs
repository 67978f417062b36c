using System.Diagnostics;
using System.Runtime.InteropServices;

namespace ChangeThisFile.Client.Benchmarks.Http;

/// <summary>
/// Runs <see cref="CannedApiServer"/> in a child process, so the benchmark process's allocation
/// figures hold only the client's allocations. Stopped by its process id on dispose.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    /// <summary>The variable through which the benchmark host passes the path of its own assembly.</summary>
    public const string HostAssemblyVariable = "CTF_BENCH_HOST_ASSEMBLY";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static ServerProcess Start()
    {
        // BenchmarkDotNet runs benchmarks from a generated project, which lacks this project's
        // runtimeconfig.json, so the server starts from the original build output.
        var assembly = Environment.GetEnvironmentVariable(HostAssemblyVariable)
            ?? typeof(ServerProcess).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            // The server exits when this pipe closes, so it never outlives a killed parent.
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add("api-server");
        start.ArgumentList.Add("--exit-on-input-closed");
        var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start the API server from {assembly}.");

        var line = process.StandardOutput.ReadLineAsync();
        if (!line.Wait(StartTimeout)
            || line.Result is not { } text
            || !text.StartsWith("listening ", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"The API server from {assembly} did not report its address.");
        }

        return new ServerProcess(process, new Uri(text["listening ".Length..].TrimEnd('/') + "/"));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static string DotnetHost()
    {
        // The runtime directory is <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var host = Path.Combine(root, "dotnet");
        return File.Exists(host) ? host : "dotnet";
    }
}
