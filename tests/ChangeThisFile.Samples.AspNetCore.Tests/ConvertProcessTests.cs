using System.Diagnostics;
using System.Text.Json;
using ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;

namespace ChangeThisFile.Samples.AspNetCore.Tests;

/// <summary>
/// The README's command as its own process: the real program entry point, a relative input path
/// resolved against the working folder, and console output free of framework logging.
/// </summary>
public sealed class ConvertProcessTests : IDisposable
{
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Process_ReadmeCommand_WritesJsonAndExitsZero()
    {
        Directory.CreateDirectory(_folder.File("inputs"));
        File.Copy(TestFiles.PeopleCsv, _folder.File(Path.Combine("inputs", "people.csv")));

        var (exitCode, output, error) = await RunSampleAsync(
            "convert", Path.Combine("inputs", "people.csv"), "--to", "json",
            $"--Sample:DataDirectory={_folder.File("data")}");

        exitCode.Should().Be(0, error);
        error.Should().BeEmpty();
        output.Should().Contain("3/4 webhook  job.completed for job ");
        output.Should().Contain("signature verified");
        var written = _folder.File(Path.Combine("inputs", "people.json"));
        output.Should().Contain($"Wrote {written} (");
        using var rows = JsonDocument.Parse(await File.ReadAllBytesAsync(written));
        rows.RootElement.GetArrayLength().Should().Be(5);
    }

    [Fact]
    public async Task Process_MissingFile_ExitsTwo()
    {
        var (exitCode, output, error) = await RunSampleAsync("convert", "nowhere.csv", "--to", "json");

        exitCode.Should().Be(2);
        output.Should().BeEmpty();
        error.Should().Contain("The input file 'nowhere.csv' does not exist");
        error.Should().Contain($"A relative path starts from the current folder, {_folder.Path}.");
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>Runs the sample's assembly with <c>dotnet</c> in the test's folder; kills it after a minute.</summary>
    private async Task<(int ExitCode, string Output, string Error)> RunSampleAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = _folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChangeThisFile.Samples.AspNetCore.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(ProcessTimeout);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The sample did not exit within {ProcessTimeout}. Output: {await output}");
        }

        return (process.ExitCode, await output, await error);
    }
}
