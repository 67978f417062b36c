using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;

namespace ChangeThisFile.Samples.AspNetCore.Tests.Browser;

/// <summary>
/// The Debian <c>chromium</c> package in headless mode, driven over the DevTools protocol on
/// 127.0.0.1 with a fresh profile. Start-up fails with a message, rather than hanging, when the
/// browser is missing or does not open its DevTools port.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    /// <summary>The environment variable that overrides <see cref="DefaultPath"/>.</summary>
    public const string PathVariable = "CTF_CHROMIUM";

    /// <summary>Where the Debian package installs the browser.</summary>
    public const string DefaultPath = "/usr/bin/chromium";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(5);

    // The flags turn off background traffic (updates, sync, field trials, QUIC) and the sandbox,
    // which needs a non-root user. Port 0 makes the browser pick a free DevTools port on 127.0.0.1.
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--hide-scrollbars", "--remote-debugging-port=0",
    ];

    private readonly Process _process;
    private readonly TempFolder _profile;
    private readonly StringBuilder _log;

    private HeadlessChromium(Process process, TempFolder profile, StringBuilder log, DevToolsConnection connection)
    {
        _process = process;
        _profile = profile;
        _log = log;
        Connection = connection;
    }

    public DevToolsConnection Connection { get; }

    /// <summary>Starts the browser and connects to it.</summary>
    /// <exception cref="InvalidOperationException">
    /// The browser is missing, exited, or opened no DevTools port in time.
    /// </exception>
    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var configured = Environment.GetEnvironmentVariable(PathVariable);
        var path = string.IsNullOrEmpty(configured) ? DefaultPath : configured;
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at '{path}'. Install the Debian package with 'apt-get install -y chromium' " +
                $"(scripts/test.sh does), or set {PathVariable} to the browser's path.");
        }

        var profile = new TempFolder();
        var log = new StringBuilder();
        var start = new ProcessStartInfo(path) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var flag in Flags)
        {
            start.ArgumentList.Add(flag);
        }

        start.ArgumentList.Add($"--user-data-dir={profile.Path}");
        start.ArgumentList.Add("about:blank");
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, line) => Append(log, line.Data);
        process.OutputDataReceived += (_, line) => Append(log, line.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var endpoint = await WaitForDevToolsEndpointAsync(process, profile, log);
            return new HeadlessChromium(process, profile, log, await DevToolsConnection.ConnectAsync(endpoint));
        }
        catch
        {
            Stop(process);
            profile.Dispose();
            throw;
        }
    }

    /// <summary>Opens a new tab of the given size and returns it.</summary>
    public async Task<BrowserPage> OpenPageAsync(int width, int height)
    {
        var target = await Connection.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" });
        var attached = await Connection.SendAsync("Target.attachToTarget", new JsonObject
        {
            ["targetId"] = target.GetProperty("targetId").GetString(),
            ["flatten"] = true,
        });
        var page = new BrowserPage(Connection, attached.GetProperty("sessionId").GetString()!);
        await page.SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject
        {
            ["width"] = width,
            ["height"] = height,
            ["deviceScaleFactor"] = 1,
            ["mobile"] = false,
        });
        return page;
    }

    /// <summary>The browser's own output so far, for failure messages.</summary>
    public string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(ExitTimeout);
            await Connection.SendAsync("Browser.close");
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception exception) when (exception is InvalidOperationException or TimeoutException
            or OperationCanceledException)
        {
            // The browser is killed below.
        }
        finally
        {
            await Connection.DisposeAsync();
            Stop(_process);
            _process.Dispose();
            _profile.Dispose();
        }
    }

    /// <summary>Reads the port and path the browser writes to <c>DevToolsActivePort</c> in its profile.</summary>
    private static async Task<Uri> WaitForDevToolsEndpointAsync(Process process, TempFolder profile, StringBuilder log)
    {
        var file = profile.File("DevToolsActivePort");
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Chromium exited with code {process.ExitCode} before opening its DevTools port. " +
                    $"Its output:\n{Text(log)}");
            }

            var lines = File.Exists(file) ? await ReadLinesAsync(file) : [];
            if (lines.Length >= 2 && int.TryParse(lines[0], out var port))
            {
                return new Uri($"ws://127.0.0.1:{port}{lines[1]}");
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException(
            $"Chromium opened no DevTools port within {StartTimeout}. Its output:\n{Text(log)}");
    }

    private static async Task<string[]> ReadLinesAsync(string file)
    {
        try
        {
            return await File.ReadAllLinesAsync(file);
        }
        catch (IOException)
        {
            // The browser is still writing the file.
            return [];
        }
    }

    private static void Append(StringBuilder log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static string Text(StringBuilder log)
    {
        lock (log)
        {
            return log.ToString();
        }
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited in the meantime.
        }
    }
}
