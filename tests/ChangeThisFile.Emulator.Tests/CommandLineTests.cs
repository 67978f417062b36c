using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
    [InlineData(new[] { "--log-level", "Verbose" }, "'Verbose'", "--log-level", "Information")]
    [InlineData(new[] { "--Logging:LogLevel:Microsoft=Loud" }, "'Loud'", "Logging:LogLevel:Microsoft", "Warning")]
    [InlineData(new[] { "--port", "abc" }, "'abc'", "--port", "from 0 to 65535")]
    [InlineData(new[] { "--port", "99999999999" }, "'99999999999'", "--port", "from 0 to 65535")]
    [InlineData(new[] { "--signature-form", "Foo" }, "'Foo'", "--signature-form", "Current, Legacy")]
    [InlineData(new[] { "--max-file-size", "big" }, "'big'", "--max-file-size", "a whole number")]
    [InlineData(new[] { "--rate-limit", "1.5" }, "'1.5'", "--rate-limit", "a whole number")]
    [InlineData(new[] { "--webhook-retry-scale", "fast" }, "'fast'", "--webhook-retry-scale", "from 0 to 1000")]
    [InlineData(new[] { "--webhook-timeout", "30s" }, "'30s'", "--webhook-timeout", "00:00:30")]
    [InlineData(new[] { "--allow-remote-urls", "yes" }, "'yes'", "--allow-remote-urls", "true or false")]
    [InlineData(new[] { "--Emulator:Faults:Seed=x" }, "'x'", "Emulator:Faults:Seed", "a whole number")]
    public async Task Run_InvalidValue_Exits2NamingSwitchAndAllowed(
        string[] args, string value, string setting, string allowed)
    {
        var run = await RunAsync(args);

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain(value);
        run.Error.Should().Contain(setting);
        run.Error.Should().Contain(allowed);
        run.Error.Should().NotContain("Failed to convert");
        run.Error.Should().NotContain(" at ");
        run.Error.TrimEnd().Split('\n').Should().ContainSingle();
        run.Output.Should().BeEmpty();
    }

    [Theory]
    [InlineData(new[] { "--port", "70000" }, "--port (Emulator:Port)", "from 0 to 65535")]
    [InlineData(new[] { "--rate-limit", "0" }, "--rate-limit (Emulator:RateLimitPerMinute)", "from 1 to")]
    [InlineData(new[] { "--webhook-timeout", "-00:00:01" }, "--webhook-timeout", "a positive time")]
    public async Task Run_OutOfRangeValue_Exits2NamingSwitch(string[] args, string setting, string allowed)
    {
        var run = await RunAsync(args);

        run.ExitCode.Should().Be(2);
        run.Error.Should().StartWith("Invalid setting " + setting);
        run.Error.Should().Contain(allowed);
        run.Error.Should().NotContain("(Parameter");
        run.Output.Should().BeEmpty();
    }

    [Theory]
    [InlineData("--Emulator:RateLimt=5", "'Emulator:RateLimt'", "Did you mean Emulator:RateLimitPerMinute?")]
    [InlineData("--Emulator:Prot=5", "'Emulator:Prot'", "Did you mean Emulator:Port?")]
    [InlineData("--Emulator:Faults:ServerErorRate=0.1", "'Emulator:Faults:ServerErorRate'",
        "Did you mean Emulator:Faults:ServerErrorRate?")]
    [InlineData("--Emulator:Colour=red", "'Emulator:Colour'", "Run with --help")]
    public async Task Run_UnknownSetting_Exits2SuggestingNearest(string arg, string named, string hint)
    {
        var run = await RunAsync(arg);

        run.ExitCode.Should().Be(2);
        run.Error.Should().StartWith($"Unknown setting {named}.");
        run.Error.Should().Contain(hint);
        run.Error.Should().NotContain("ErrorOnUnknownConfiguration");
    }

    [Fact]
    public async Task Run_FaultRateAboveOne_Exits2()
    {
        var run = await RunAsync("--Emulator:Faults:ServerErrorRate=2");

        run.ExitCode.Should().Be(2);
        run.Error.Should().Contain("from 0 to 1");
        run.Error.Should().NotContain("(Parameter");
        run.Error.Should().NotContain(" at ");
    }

    [Fact]
    public async Task Run_PortInUse_Exits2SuggestingPortZero()
    {
        using var occupant = new TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        var run = await RunAsync("--port", port, "--log-level", "None");

        run.ExitCode.Should().Be(2);
        run.Error.Should().StartWith($"The address 127.0.0.1:{port} is already in use.");
        run.Error.Should().Contain("--port 0");
        run.Error.TrimEnd().Split('\n').Should().ContainSingle();
        run.Output.Should().BeEmpty();
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
