using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Emulator.Hosting;

/// <summary>
/// The emulator as a process: reads its settings, starts on 127.0.0.1, prints the address on
/// one line of standard output and runs until SIGINT or SIGTERM (or, with
/// <c>--exit-on-stdin-close</c>, until standard input closes).
/// </summary>
internal static class EmulatorProgram
{
    /// <summary>The exit code of an invalid command line or setting.</summary>
    public const int InvalidUsageExitCode = 2;

    /// <summary>Runs the emulator process with <paramref name="args"/> and returns its exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        EmulatorCommandLine commandLine;
        try
        {
            commandLine = EmulatorCommandLine.Parse(args);
        }
        catch (FormatException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            await error.WriteLineAsync().ConfigureAwait(false);
            EmulatorCommandLine.WriteUsage(error);
            return InvalidUsageExitCode;
        }

        if (commandLine.ShowHelp)
        {
            EmulatorCommandLine.WriteUsage(output);
            return 0;
        }

        var configuration = EmulatorConfiguration.Build([.. commandLine.ConfigurationArgs]);
        ConversionEmulatorOptions options;
        try
        {
            options = EmulatorConfiguration.ReadOptions(configuration);
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync("Invalid emulator setting: " + ex.Message).ConfigureAwait(false);
            return InvalidUsageExitCode;
        }

        using var loggerFactory = LoggerFactory.Create(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            }));
        options.LoggerFactory = loggerFactory;
        return await ServeAsync(options, commandLine.ExitOnStdinClose, output, error).ConfigureAwait(false);
    }

    private static async Task<int> ServeAsync(
        ConversionEmulatorOptions options, bool exitOnStdinClose, TextWriter output, TextWriter error)
    {
        ConversionEmulator emulator;
        try
        {
            emulator = await ConversionEmulator.StartAsync(options).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return InvalidUsageExitCode;
        }

        await using (emulator.ConfigureAwait(false))
        {
            await output.WriteLineAsync($"ChangeThisFile emulator listening on {emulator.BaseAddress}")
                .ConfigureAwait(false);
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stop));
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stop));
            if (exitOnStdinClose)
            {
                _ = Task.Run(async () =>
                {
                    while (await Console.In.ReadLineAsync().ConfigureAwait(false) is not null)
                    {
                    }

                    stop.TrySetResult();
                });
            }

            await stop.Task.ConfigureAwait(false);
        }

        return 0;
    }

    private static void Stop(PosixSignalContext signal, TaskCompletionSource stop)
    {
        signal.Cancel = true;
        stop.TrySetResult();
    }
}
