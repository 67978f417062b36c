using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace ChangeThisFile.Emulator.Tests;

/// <summary>Runs the emulator as its own process, the way scripts and other languages use it.</summary>
public sealed partial class ProcessTests
{
    private static readonly string EmulatorDll = Path.Combine(AppContext.BaseDirectory, "ChangeThisFile.Emulator.dll");

    [Fact]
    public async Task Process_WithSwitches_ServesUntilStdinCloses()
    {
        using var process = Start(
            "--port", "0", "--api-key", "ctf_sk_process", "--rate-limit", "9", "--exit-on-stdin-close");
        var baseAddress = await ReadAddressAsync(process);
        using var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "ctf_sk_process");

        using var response = await http.GetAsync("/v1/usage");
        process.StandardInput.Close();
        var exited = await WaitForExitAsync(process);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-RateLimit-Limit").Single().Should().Be("9");
        baseAddress.Host.Should().Be("127.0.0.1");
        exited.Should().BeTrue();
        process.ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Process_UnknownSetting_ExitsWithCode2()
    {
        using var process = Start("--Emulator:RateLimt=5");

        var exited = await WaitForExitAsync(process);

        exited.Should().BeTrue();
        process.ExitCode.Should().Be(2);
        (await process.StandardError.ReadToEndAsync()).Should().Contain("RateLimt");
    }

    [Fact]
    public async Task Process_InvalidValue_ExitsWithCode2NamingSetting()
    {
        using var process = Start("--port", "0", "--webhook-retry-scale", "-1");

        var exited = await WaitForExitAsync(process);

        exited.Should().BeTrue();
        process.ExitCode.Should().Be(2);
        (await process.StandardError.ReadToEndAsync()).Should().Contain("WebhookRetryScale is -1");
    }

    [Fact]
    public async Task Process_PortInUse_PrintsOneLine()
    {
        using var occupant = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        occupant.Start();
        var port = ((IPEndPoint)occupant.LocalEndpoint).Port;
        using var process = Start("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var exited = await WaitForExitAsync(process);
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();

        exited.Should().BeTrue();
        process.ExitCode.Should().Be(2);
        error.TrimEnd().Should().Be(
            $"The address 127.0.0.1:{port} is already in use. Choose another port with --port, " +
            "or use --port 0 for a free one.");
        output.Should().NotContain("Exception");
    }

    private static Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(EmulatorDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    private static async Task<Uri> ReadAddressAsync(Process process)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(guard.Token) is { } line)
        {
            var match = AddressLine().Match(line);
            if (match.Success)
            {
                return new Uri(match.Groups[1].Value);
            }
        }

        throw new InvalidOperationException("The emulator process exited without printing its address.");
    }

    private static async Task<bool> WaitForExitAsync(Process process)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(guard.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
    }

    [GeneratedRegex("^ChangeThisFile emulator listening on (http://\\S+)$")]
    private static partial Regex AddressLine();
}
