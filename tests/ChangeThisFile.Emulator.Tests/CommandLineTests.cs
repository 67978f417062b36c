using ChangeThisFile.Emulator.Hosting;

namespace ChangeThisFile.Emulator.Tests;

/// <summary>The process's argument checks, run through its entry point in this process.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData(new[] { "--prot", "5000" }, "'--prot'", "Did you mean --port?")]
    [InlineData(new[] { "--api-kye=ctf_sk_test" }, "'--api-kye'", "Did you mean --api-key?")]
    [InlineData(new[] { "--exit-on-stdin", "--port", "0" }, "'--exit-on-stdin'", "Did you mean --exit-on-stdin-close?")]
    [InlineData(new[] { "--Port", "0", "--rate-limt", "5" }, "'--rate-limt'", "Did you mean --rate-limit?")]
    [InlineData(new[] { "-port", "5000" }, "'-port'", "Did you mean --port?")]
    public async Task Run_MisspeltSwitch_Exits2NamingNearest(string[] args, string named, string suggestion)
    {
        var run = await RunAsync(args);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain($"Unknown switch {named}.");
        run.Error.Should().Contain(suggestion);
        run.Error.Should().Contain("Usage: ChangeThisFile.Emulator");
        run.Output.Should().BeEmpty();
    }

    [Fact]
    public async Task Run_UnrelatedSwitch_Exits2PointingToHelp()
    {
        var run = await RunAsync("--verbose");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("Unknown switch '--verbose'. Run with --help to list the switches.");
        run.Error.Should().NotContain("Did you mean");
    }

    [Theory]
    [InlineData(new[] { "5000" }, "Unexpected argument '5000'.")]
    [InlineData(new[] { "-p", "5000" }, "Unknown switch '-p'. Run with --help")]
    [InlineData(new[] { "--port" }, "The value of switch '--port' is missing.")]
    [InlineData(new[] { "--port", "--api-key", "ctf_sk_a" }, "The value of switch '--port' is missing.")]
    [InlineData(new[] { "--Emulatr:Port=5000" }, "Unknown setting '--Emulatr:Port'.")]
    public async Task Run_MalformedArguments_Exits2NamingArgument(string[] args, string message)
    {
        var run = await RunAsync(args);

        run.ExitCode.Should().Be(2);
        run.Error.Should().StartWith(message);
        run.Error.Should().Contain("Usage: ChangeThisFile.Emulator");
    }

    [Fact]
    public async Task Run_UnknownEmulatorSetting_Exits2NamingSetting()
    {
        var run = await RunAsync("--Emulator:RateLimt=5");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("RateLimt");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Run_Help_PrintsSwitchesAndExits0(string help)
    {
        var run = await RunAsync("--port", "0", help);

        run.ExitCode.Should().Be(0);
        run.Output.Should().StartWith("Usage: ChangeThisFile.Emulator");
        run.Output.Should().Contain("--webhook-secret");
        run.Output.Should().Contain("--exit-on-stdin-close");
        run.Error.Should().BeEmpty();
    }

    [Fact]
    public void Parse_ShortAndLongForms_BecomeSettings()
    {
        var parsed = EmulatorCommandLine.Parse(
            [
                "--port", "0", "--API-KEY=ctf_sk_a", "--Emulator:RateLimitPerMinute", "9",
                "--Logging:LogLevel:Default=Debug", "--exit-on-stdin-close",
            ]);

        parsed.ConfigurationArgs.Should().Equal(
            "--Emulator:Port=0",
            "--Emulator:ApiKeys:0=ctf_sk_a",
            "--Emulator:RateLimitPerMinute=9",
            "--Logging:LogLevel:Default=Debug");
        parsed.ExitOnStdinClose.Should().BeTrue();
        parsed.ShowHelp.Should().BeFalse();
    }

    [Fact]
    public void ReadOptions_ParsedSwitches_SetOptions()
    {
        var parsed = EmulatorCommandLine.Parse(["--port", "5099", "--rate-limit=7", "--signature-form", "Legacy"]);

        var options = EmulatorConfiguration.ReadOptions(EmulatorConfiguration.Build([.. parsed.ConfigurationArgs]));

        options.Port.Should().Be(5099);
        options.RateLimitPerMinute.Should().Be(7);
        options.SignatureForm.Should().Be(WebhookSignatureForm.Legacy);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await EmulatorProgram.RunAsync(args, output, error);

        return (exitCode, output.ToString(), error.ToString());
    }
}
