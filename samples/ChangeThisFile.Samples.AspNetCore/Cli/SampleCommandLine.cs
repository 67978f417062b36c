using ChangeThisFile.Samples.AspNetCore.Hosting;

namespace ChangeThisFile.Samples.AspNetCore.Cli;

/// <summary>The program's entry point: serve the page and the API, or convert one file and exit.</summary>
internal static class SampleCommandLine
{
    private const string Usage = """
        Usage:
          ChangeThisFile.Samples.AspNetCore [--Section:Key=value ...]
              Serves the page and the HTTP API of the four steps (default http://127.0.0.1:5000).

          ChangeThisFile.Samples.AspNetCore convert <file> --to <format> [options] [--Section:Key=value ...]
              Converts one file through the four steps over HTTP and writes the result.
              --to, -t <format>    target format, such as json, html or webp
              --out, -o <path>     where to write the result; default: next to the input
              --timeout <seconds>  how long to wait for the webhook and the status; default 120
              --port <port>        port on 127.0.0.1 to listen on; default: a free port

        Settings such as --Storage:Provider=Aws or --ChangeThisFile:UseEmulator=false override
        appsettings.json; see the sample's README for all of them.
        Exit codes: 0 success, 1 a step failed, 2 invalid command line, 130 cancelled.
        """;

    private const string ConvertCommandName = "convert";

    /// <summary>Runs the command named by <paramref name="args"/> and returns the exit code.</summary>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var helpRequested = args is ["help", ..] || args is [var first, ..] && IsHelpSwitch(first)
            || args is [ConvertCommandName, .. var convertArgs] && convertArgs.Any(IsHelpSwitch);
        if (helpRequested)
        {
            await output.WriteLineAsync(Usage);
            return ExitCodes.Success;
        }

        // Serve mode takes only settings (--Key=value, --Key value or Key=value). A first word
        // that is neither a setting nor a command is most likely a misspelt command, so it must
        // not start the server.
        var command = args.FirstOrDefault();
        var isCommand = command is not null && !command.StartsWith('-') && !command.Contains('=');
        if (isCommand && command != ConvertCommandName)
        {
            await error.WriteLineAsync(
                $"Unknown command '{command}'. The commands are {ConvertCommandName} and help. Without a " +
                "command, the sample serves the page. Run with --help for the usage.");
            return ExitCodes.Usage;
        }

        using var interrupt = new ConsoleInterrupt(cancellationToken);
        try
        {
            return args is [ConvertCommandName, .. var rest]
                ? await ConvertAsync(rest, output, error, interrupt.Token)
                : await ServeAsync(args, output, error, interrupt.Token);
        }
        catch (OperationCanceledException) when (interrupt.Token.IsCancellationRequested)
        {
            await error.WriteLineAsync("Cancelled.");
            return ExitCodes.Cancelled;
        }
    }

    private static bool IsHelpSwitch(string arg) => arg is "--help" or "-h" or "-?";

    private static async Task<int> ConvertAsync(
        string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ConvertArguments arguments;
        try
        {
            arguments = ConvertArguments.Parse(args);
        }
        catch (FormatException exception)
        {
            await error.WriteLineAsync(exception.Message);
            await error.WriteLineAsync("Run with --help for the usage.");
            return ExitCodes.Usage;
        }

        return await new ConvertCommand(arguments, output, error).RunAsync(cancellationToken);
    }

    private static async Task<int> ServeAsync(
        string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        SampleHost host;
        try
        {
            host = await SampleHost.StartAsync(new SampleHostOptions { Args = args }, cancellationToken);
        }
        catch (Exception exception) when (StartupFailure.Describe(exception) is { } reason)
        {
            await error.WriteLineAsync($"The sample could not start: {reason} {StartupFailure.SettingsHint}");
            return ExitCodes.Failed;
        }

        await using (host)
        {
            await output.WriteLineAsync(
                $"Open {host.Address.LocalBaseUrl} in a browser to convert a file. Press Ctrl+C to stop.");
            await host.App.WaitForShutdownAsync(cancellationToken);
        }

        return ExitCodes.Success;
    }

    /// <summary>Cancels a token on Ctrl+C, so a running conversion stops cleanly.</summary>
    private sealed class ConsoleInterrupt : IDisposable
    {
        private readonly CancellationTokenSource _source;

        public ConsoleInterrupt(CancellationToken cancellationToken)
        {
            _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Console.CancelKeyPress += OnCancelKeyPress;
        }

        public CancellationToken Token => _source.Token;

        public void Dispose()
        {
            Console.CancelKeyPress -= OnCancelKeyPress;
            _source.Dispose();
        }

        private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
        {
            e.Cancel = true;
            _source.Cancel();
        }
    }
}
