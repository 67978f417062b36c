using System.Diagnostics;
using System.Text;

namespace ChangeThisFile.Samples.Lambda.Tests.Infrastructure;

/// <summary>
/// Publishes the sample once with Native AOT for linux-x64 into a temporary folder, exactly as
/// the README and the Makefile do, and keeps the output for the tests to inspect.
/// </summary>
public sealed class AotPublishFixture : IAsyncLifetime
{
    // A hang guard only: the publish took 2 to 3 minutes on a busy 2-core machine.
    private static readonly TimeSpan PublishTimeout = TimeSpan.FromMinutes(10);

    private readonly DirectoryInfo _output = Directory.CreateTempSubdirectory("ctf-lambda-aot-");

    public int ExitCode { get; private set; }

    public string Log { get; private set; } = string.Empty;

    public TimeSpan Duration { get; private set; }

    public string BinaryPath => Path.Combine(_output.FullName, "bootstrap");

    /// <summary>The MSBuild warning lines of the publish: trim, AOT and every other kind.</summary>
    public IReadOnlyList<string> Warnings =>
        [.. Log.Split('\n')
            .Where(line => line.Contains(": warning ", StringComparison.Ordinal))
            .Select(line => line.Trim())];

    public async Task InitializeAsync()
    {
        var project = Path.Combine(RepositoryRoot(), "samples", "ChangeThisFile.Samples.Lambda");

        // The native compiler skips its work when its output is up to date, and then reports no
        // warnings at all; removing that output makes every run compile and report again.
        var nativeOutput = Path.Combine(project, "obj", "Release", "net10.0", "linux-x64", "native");
        if (Directory.Exists(nativeOutput))
        {
            Directory.Delete(nativeOutput, recursive: true);
        }
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = project,
        };
        foreach (var argument in new[]
        {
            "publish", project, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", "-o", _output.FullName,
            "-nodeReuse:false", "-nologo", "-v:minimal",
        })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(info)!;
        var log = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(PublishTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish did not finish within {PublishTimeout}.");
        }

        log.Append(await stdout).Append(await stderr);
        Duration = Stopwatch.GetElapsedTime(started);
        ExitCode = process.ExitCode;
        Log = log.ToString();
    }

    public Task DisposeAsync()
    {
        _output.Delete(recursive: true);
        return Task.CompletedTask;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ChangeThisFile.Client.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with ChangeThisFile.Client.sln) was not found.");
    }
}
