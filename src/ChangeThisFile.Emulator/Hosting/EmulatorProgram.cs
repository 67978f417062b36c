using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Configuration;
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
        var options = await ReadOptionsAsync(configuration, error).ConfigureAwait(false);
        if (options is null)
        {
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

    /// <summary>
    /// Checks and binds the settings. Returns null after writing one line per problem to
    /// <paramref name="error"/>.
    /// </summary>
    private static async Task<ConversionEmulatorOptions?> ReadOptionsAsync(
        IConfiguration configuration, TextWriter error)
    {
        var problem = SettingChecks.FindProblem(configuration);
        if (problem is not null)
        {
            await error.WriteLineAsync(problem).ConfigureAwait(false);
            return null;
        }

        ConversionEmulatorOptions options;
        try
        {
            options = EmulatorConfiguration.ReadOptions(configuration);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or TargetInvocationException)
        {
            // The checks above cover the binder's errors. This reports any they miss, such as a
            // fault rate outside 0 to 1, without a stack trace.
            await error.WriteLineAsync("Invalid emulator setting: " + FirstSentence(ex)).ConfigureAwait(false);
            return null;
        }

        var rangeErrors = options.Validate();
        foreach (var line in SettingChecks.DescribeRangeErrors(rangeErrors))
        {
            await error.WriteLineAsync(line).ConfigureAwait(false);
        }

        return rangeErrors.Count == 0 ? options : null;
    }

    /// <summary>Returns the innermost message without the "(Parameter ...)" and "Actual value" lines.</summary>
    private static string FirstSentence(Exception exception)
    {
        var message = (exception.GetBaseException() is ArgumentException argument ? argument : exception).Message;
        var end = message.IndexOfAny(['\n', '\r']);
        message = end < 0 ? message : message[..end];
        var parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter < 0 ? message : message[..parameter];
    }

    private static async Task<int> ServeAsync(
        ConversionEmulatorOptions options, bool exitOnStdinClose, TextWriter output, TextWriter error)
    {
        // The host logs a bind failure with its stack trace before throwing, so a taken port is
        // reported before the host starts. NOTE: a port taken between this check and the start
        // still gets the one-line message below, but after the host's log entry.
        if (options.Port != 0 && IsPortInUse(options.Port))
        {
            await error.WriteLineAsync(PortInUseMessage(options.Port)).ConfigureAwait(false);
            return InvalidUsageExitCode;
        }

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
        catch (Exception ex) when (ex is AddressInUseException or IOException { InnerException: AddressInUseException })
        {
            await error.WriteLineAsync(PortInUseMessage(options.Port)).ConfigureAwait(false);
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

    private static bool IsPortInUse(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        finally
        {
            listener.Dispose();
        }
    }

    private static string PortInUseMessage(int port) =>
        "The address 127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture)
        + " is already in use. Choose another port with --port, or use --port 0 for a free one.";

    private static void Stop(PosixSignalContext signal, TaskCompletionSource stop)
    {
        signal.Cancel = true;
        stop.TrySetResult();
    }
}
