using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ChangeThisFile.Reliability.Tests.Soak;

/// <summary>
/// The emulator run as its own process, so that its growing job history stays out of the
/// resource figures of the process under test. It counts the faults it injects and the webhook
/// attempts it makes from its Information log on standard output.
/// </summary>
public sealed partial class EmulatorProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartGuard = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopGuard = TimeSpan.FromSeconds(15);
    private readonly Process _process;
    private readonly Task _reader;
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _webhookAttempts;
    private long _webhooksAbandoned;

    private EmulatorProcess(Process process)
    {
        _process = process;
        _reader = ReadOutputAsync();
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Injected faults by kind, such as <c>server error</c> or <c>dropped response</c>.</summary>
    public ConcurrentDictionary<string, long> InjectedFaults { get; } = new(StringComparer.Ordinal);

    public long WebhookAttempts => Interlocked.Read(ref _webhookAttempts);

    public long WebhooksAbandoned => Interlocked.Read(ref _webhooksAbandoned);

    /// <summary>Starts <c>ChangeThisFile.Emulator.dll</c> from the test output folder with switches.</summary>
    public static async Task<EmulatorProcess> StartAsync(IEnumerable<string> switches)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChangeThisFile.Emulator.dll"));
        info.ArgumentList.Add("--exit-on-stdin-close");
        foreach (var item in switches)
        {
            info.ArgumentList.Add(item);
        }

        var emulator = new EmulatorProcess(Process.Start(info)!);
        using var guard = new CancellationTokenSource(StartGuard);
        emulator.BaseAddress = await emulator._address.Task.WaitAsync(guard.Token);
        return emulator;
    }

    /// <summary>Returns the emulator's resident memory in bytes, from <c>/proc/{pid}/status</c>.</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status")
            .FirstOrDefault(entry => entry.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kibibytes = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kibibytes is null ? 0 : long.Parse(kibibytes, CultureInfo.InvariantCulture) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var guard = new CancellationTokenSource(StopGuard);
        try
        {
            await _process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        await _reader;
        _process.Dispose();
    }

    private async Task ReadOutputAsync()
    {
        _ = _process.StandardError.ReadToEndAsync();
        while (await _process.StandardOutput.ReadLineAsync() is { } line)
        {
            if (ListeningLine().Match(line) is { Success: true } listening)
            {
                _address.TrySetResult(new Uri(listening.Groups[1].Value));
            }
            else if (InjectedLine().Match(line) is { Success: true } injected)
            {
                InjectedFaults.AddOrUpdate(injected.Groups[1].Value, 1, (_, count) => count + 1);
            }
            else if (AttemptLine().IsMatch(line))
            {
                Interlocked.Increment(ref _webhookAttempts);
            }
            else if (AbandonedLine().IsMatch(line))
            {
                Interlocked.Increment(ref _webhooksAbandoned);
            }
        }

        _address.TrySetException(new InvalidOperationException("The emulator process ended before it listened."));
    }

    [GeneratedRegex(@"listening on (http://127\.0\.0\.1:\d+/)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"Injected (.+?) into ")]
    private static partial Regex InjectedLine();

    [GeneratedRegex(@"Webhook \S+ for job \S+, attempt \d+, to ")]
    private static partial Regex AttemptLine();

    [GeneratedRegex(@"Webhook for job \S+ abandoned after \d+ attempts")]
    private static partial Regex AbandonedLine();
}
