using System.Runtime.InteropServices;
using ChangeThisFile.Emulator;
using ChangeThisFile.Emulator.Hosting;

// The emulator as a process: reads its settings, starts on 127.0.0.1, prints the address on
// one line of standard output and runs until SIGINT or SIGTERM (or, with
// --exit-on-stdin-close, until standard input closes).
const string ExitOnStdinClose = "--exit-on-stdin-close";

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("Usage: ChangeThisFile.Emulator [--switch value]...");
    Console.WriteLine();
    foreach (var (name, _, help) in EmulatorConfiguration.Switches)
    {
        Console.WriteLine($"  {name,-24} {help}");
    }

    Console.WriteLine($"  {ExitOnStdinClose,-24} stop when standard input closes");
    Console.WriteLine();
    Console.WriteLine("Every setting can also be given as --Emulator:<Name>=<value> or as the environment");
    Console.WriteLine("variable CTF_EMULATOR__<NAME>; docs/testing.md lists them.");
    return 0;
}

var watchStdin = args.Contains(ExitOnStdinClose);
var configuration = EmulatorConfiguration.Build([.. args.Where(arg => arg != ExitOnStdinClose)]);
ConversionEmulatorOptions options;
try
{
    options = EmulatorConfiguration.ReadOptions(configuration);
}
catch (InvalidOperationException ex)
{
    await Console.Error.WriteLineAsync("Invalid emulator setting: " + ex.Message);
    return 2;
}

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddConfiguration(configuration.GetSection("Logging"))
    .AddSimpleConsole(console =>
    {
        console.SingleLine = true;
        console.TimestampFormat = "HH:mm:ss ";
    }));
options.LoggerFactory = loggerFactory;

ConversionEmulator emulator;
try
{
    emulator = await ConversionEmulator.StartAsync(options);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync(ex.Message);
    return 2;
}

await using (emulator)
{
    Console.WriteLine($"ChangeThisFile emulator listening on {emulator.BaseAddress}");
    var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => Stop(signal, stop));
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => Stop(signal, stop));
    if (watchStdin)
    {
        _ = Task.Run(async () =>
        {
            while (await Console.In.ReadLineAsync() is not null)
            {
            }

            stop.TrySetResult();
        });
    }

    await stop.Task;
}

return 0;

static void Stop(PosixSignalContext signal, TaskCompletionSource stop)
{
    signal.Cancel = true;
    stop.TrySetResult();
}
