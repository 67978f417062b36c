namespace ChangeThisFile.Emulator.Hosting;

/// <summary>
/// The emulator process's checked command line. Every switch is known, and every setting has the
/// form <c>--Section:Name=value</c> that the configuration reads.
/// </summary>
/// <param name="ShowHelp">True when <c>--help</c> or <c>-h</c> was given.</param>
/// <param name="ExitOnStdinClose">True when the process stops once standard input closes.</param>
/// <param name="ConfigurationArgs">The settings, each as <c>--Section:Name=value</c>.</param>
internal sealed record EmulatorCommandLine(
    bool ShowHelp, bool ExitOnStdinClose, IReadOnlyList<string> ConfigurationArgs)
{
    /// <summary>The switch that stops the process when standard input closes.</summary>
    public const string ExitOnStdinCloseSwitch = "--exit-on-stdin-close";

    private const string HelpSwitch = "--help";

    /// <summary>The configuration sections the command line may set in the long form.</summary>
    private static readonly string[] SettingSections = [EmulatorConfiguration.SectionName + ":", "Logging:"];

    /// <summary>Checks the arguments and turns short switches into settings.</summary>
    /// <exception cref="FormatException">A switch is unknown, a value is missing, or an argument is
    /// not a switch; the message names it and, for a misspelt switch, the nearest known one.</exception>
    public static EmulatorCommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool help = false, exitOnStdinClose = false;
        var settings = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is HelpSwitch or "-h")
            {
                help = true;
                continue;
            }

            if (arg.Equals(ExitOnStdinCloseSwitch, StringComparison.OrdinalIgnoreCase))
            {
                exitOnStdinClose = true;
                continue;
            }

            if (!arg.StartsWith('-') || arg.Length == 1 || arg == "--")
            {
                throw new FormatException(
                    $"Unexpected argument '{arg}'. Give settings as switches with a value, such as --port 5080.");
            }

            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw UnknownSwitch(arg, "--" + arg[1..]);
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            var setting = SettingOf(name);
            var value = equals < 0 ? NextValue(args, ref i, name) : arg[(equals + 1)..];
            settings.Add($"--{setting}={value}");
        }

        return new EmulatorCommandLine(help, exitOnStdinClose, settings);
    }

    /// <summary>Writes the switches, their help text and the other ways to give settings.</summary>
    public static void WriteUsage(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine("Usage: ChangeThisFile.Emulator [--switch value]...");
        writer.WriteLine();
        foreach (var (name, _, help) in EmulatorConfiguration.Switches)
        {
            writer.WriteLine($"  {name,-24} {help}");
        }

        writer.WriteLine($"  {ExitOnStdinCloseSwitch,-24} stop when standard input closes");
        writer.WriteLine($"  {HelpSwitch + ", -h",-24} print this help and exit");
        writer.WriteLine();
        writer.WriteLine("Every setting can also be given as --Emulator:<Name>=<value> or as the environment");
        writer.WriteLine("variable CTF_EMULATOR__<NAME>; docs/testing.md lists them.");
    }

    /// <summary>Returns the setting a switch sets, such as <c>Emulator:Port</c> for <c>--port</c>.</summary>
    private static string SettingOf(string name)
    {
        foreach (var (knownSwitch, setting, _) in EmulatorConfiguration.Switches)
        {
            if (knownSwitch.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return setting;
            }
        }

        var key = name[2..];
        if (Array.Exists(SettingSections, section => key.StartsWith(section, StringComparison.OrdinalIgnoreCase)
            && key.Length > section.Length))
        {
            return key;
        }

        if (key.Contains(':', StringComparison.Ordinal))
        {
            throw new FormatException($"Unknown setting '{name}'. Settings start with --Emulator: or --Logging:, " +
                "such as --Emulator:Port=5080.");
        }

        throw UnknownSwitch(name, name);
    }

    /// <summary>
    /// Returns the error for an unknown switch, naming the known switch nearest to <paramref name="spelling"/>.
    /// </summary>
    private static FormatException UnknownSwitch(string name, string spelling)
    {
        var nearest = SwitchSuggestions.Nearest(spelling, KnownSwitches());
        var hint = nearest is null ? "Run with --help to list the switches." : $"Did you mean {nearest}?";
        return new FormatException($"Unknown switch '{name}'. {hint}");
    }

    private static string NextValue(IReadOnlyList<string> args, ref int i, string name)
    {
        if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
        {
            return args[++i];
        }

        throw new FormatException(
            $"The value of switch '{name}' is missing. Give it as {name} <value> or {name}=<value>.");
    }

    private static IEnumerable<string> KnownSwitches() =>
        EmulatorConfiguration.Switches.Select(entry => entry.Switch).Append(ExitOnStdinCloseSwitch).Append(HelpSwitch);
}
