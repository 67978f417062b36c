using ChangeThisFile.Samples.AspNetCore.Cli;
using ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;

namespace ChangeThisFile.Samples.AspNetCore.Tests;

/// <summary>Commands and help through the program's entry point, before any server starts.</summary>
public sealed class SampleCommandLineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("conver", "x", "--to", "json")]
    [InlineData("serve")]
    [InlineData("people.csv", "--to", "json")]
    public async Task Run_UnknownCommand_ExitsTwoNamingCommands(params string[] args)
    {
        var run = await ConvertRun.InProcessAsync(_folder, args);

        run.ExitCode.Should().Be(ExitCodes.Usage);
        run.Error.Should().Contain($"Unknown command '{args[0]}'.");
        run.Error.Should().Contain("The commands are convert and help.");
        run.Output.Should().BeEmpty();
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("convert", "--help")]
    [InlineData("convert", "-h")]
    [InlineData("convert", "people.csv", "--to", "json", "--help")]
    public async Task Run_Help_PrintsUsageAndExitsZero(params string[] args)
    {
        var run = await ConvertRun.InProcessAsync(_folder, args);

        run.ExitCode.Should().Be(ExitCodes.Success);
        run.Output.Should().StartWith("Usage:");
        run.Output.Should().Contain("--to, -t <format>");
        run.Error.Should().BeEmpty();
    }

    public void Dispose() => _folder.Dispose();
}
