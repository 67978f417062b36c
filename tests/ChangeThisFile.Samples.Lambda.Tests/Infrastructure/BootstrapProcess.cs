using System.Diagnostics;
using System.Text;
using ChangeThisFile.Samples.Lambda.Functions;

namespace ChangeThisFile.Samples.Lambda.Tests.Infrastructure;

/// <summary>
/// The published <c>bootstrap</c> running one handler against its own fake Runtime API, as Lambda
/// runs it, with the settings passed as environment variables.
/// </summary>
internal sealed class BootstrapProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BootstrapProcess(Process process, FakeRuntimeApi api, long started)
    {
        _process = process;
        Api = api;
        Started = started;
    }

    public FakeRuntimeApi Api { get; }

    /// <summary>The <see cref="Stopwatch"/> timestamp just before the process was started.</summary>
    public long Started { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<BootstrapProcess> StartAsync(
        string binary, string handler, IReadOnlyDictionary<string, string?> settings)
    {
        var api = await FakeRuntimeApi.StartAsync();
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["AWS_LAMBDA_RUNTIME_API"] = api.HostAndPort;
        info.Environment["_HANDLER"] = handler;
        info.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var started = Stopwatch.GetTimestamp();
        var process = new BootstrapProcess(Process.Start(info)!, api, started);
        process._process.OutputDataReceived += (_, e) => process.Append(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.Append(e.Data);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until the runtime requests its first invocation and returns how long start-up took.</summary>
    public async Task<TimeSpan> InitDurationAsync()
    {
        var firstNext = await Api.FirstNextAsync();
        return Stopwatch.GetElapsedTime(Started, firstNext);
    }

    /// <summary>Runs one invocation and returns what the runtime posted.</summary>
    public async Task<FakeRuntimeApi.Outcome> InvokeAsync(byte[] eventJson)
    {
        var requestId = Api.Enqueue(eventJson);
        try
        {
            return await Api.OutcomeAsync(requestId);
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"bootstrap did not answer. Its output:\n{Output}", exception);
        }
    }

    /// <summary>Stops the runtime by failing its next request and returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        Api.Complete();
        await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Complete();
        if (!_process.HasExited)
        {
            try
            {
                await _process.WaitForExitAsync().WaitAsync(ExitTimeout);
            }
            catch (TimeoutException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
        await Api.DisposeAsync();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}

/// <summary>Forwards invocations to a running bootstrap, so the webhook receiver can reach it.</summary>
internal sealed class BootstrapHandler(BootstrapProcess process) : ILambdaHandler
{
    public async Task<Stream> HandleAsync(Stream input, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await input.CopyToAsync(buffer, cancellationToken);
        var outcome = await process.InvokeAsync(buffer.ToArray());
        return new MemoryStream(outcome.Body);
    }
}
