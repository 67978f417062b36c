using ChangeThisFile.Samples.AspNetCore.Cli;

namespace ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;

/// <summary>The exit code and the two output streams of one run of the sample's command line.</summary>
internal sealed record ConvertRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs the entry point in this process with a data folder of the test's own.</summary>
    public static async Task<ConvertRun> InProcessAsync(TempFolder data, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var guard = new CancellationTokenSource(RunningSample.EndTimeout);

        var exitCode = await SampleCommandLine.RunAsync(
            [.. args, $"--Sample:DataDirectory={data.Path}"], output, error, guard.Token);

        return new ConvertRun(exitCode, output.ToString(), error.ToString());
    }
}
