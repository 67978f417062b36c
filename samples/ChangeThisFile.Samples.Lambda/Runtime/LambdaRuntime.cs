using ChangeThisFile.Samples.Lambda.Functions;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Samples.Lambda.Runtime;

/// <summary>
/// The custom runtime loop: fetches each invocation from the Runtime API, runs the handler with a
/// token that fires shortly before the invocation's deadline, and posts the response or the error.
/// </summary>
public sealed partial class LambdaRuntime
{
    /// <summary>How long before the deadline the handler's token fires, so it can still respond: 500 ms.</summary>
    public static readonly TimeSpan DeadlineMargin = TimeSpan.FromMilliseconds(500);

    private const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    private readonly LambdaRuntimeClient _client;
    private readonly ILambdaHandler _handler;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Initializes the loop.</summary>
    /// <param name="client">The Runtime API client.</param>
    /// <param name="handler">The handler every invocation goes to.</param>
    /// <param name="timeProvider">The clock the deadlines are measured with.</param>
    /// <param name="logger">The logger.</param>
    public LambdaRuntime(
        LambdaRuntimeClient client, ILambdaHandler handler, TimeProvider timeProvider, ILogger<LambdaRuntime> logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        _client = client;
        _handler = handler;
        _time = timeProvider;
        _logger = logger;
    }

    /// <summary>Handles invocations until <paramref name="stoppingToken"/> fires.</summary>
    /// <param name="stoppingToken">Stops the loop; an invocation in progress is cancelled.</param>
    /// <returns>A task that completes when the loop stops.</returns>
    /// <exception cref="HttpRequestException">
    /// The Runtime API failed. The process should exit, so that Lambda replaces it.
    /// </exception>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        Log.Started(_logger, _handler.GetType().Name);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var invocation = await _client.NextAsync(stoppingToken).ConfigureAwait(false);
                await InvokeAsync(invocation, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }

        Log.Stopped(_logger);
    }

    /// <summary>Runs one invocation and posts its outcome.</summary>
    /// <param name="invocation">The invocation.</param>
    /// <param name="stoppingToken">Stops the runtime.</param>
    /// <returns>A task that completes once the outcome is posted.</returns>
    public async Task InvokeAsync(LambdaInvocation invocation, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        using var scope = _logger.BeginScope(
            new KeyValuePair<string, object>[] { new("AwsRequestId", invocation.RequestId) });
        Environment.SetEnvironmentVariable(TraceIdVariable, invocation.TraceId);
        using var deadline = CreateDeadlineSource(invocation.Deadline, stoppingToken);

        Stream output;
        try
        {
            var bytes = EventBytes(invocation.Event);
            var input = new MemoryStream(bytes, 0, bytes.Length, writable: false, publiclyVisible: true);
            await using (input.ConfigureAwait(false))
            {
                output = await _handler.HandleAsync(input, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
        {
            Log.InvocationFailed(_logger, exception, invocation.RequestId);
            await _client.SendErrorAsync(invocation.RequestId, RuntimeError.From(exception), stoppingToken)
                .ConfigureAwait(false);
            return;
        }

        await using (output.ConfigureAwait(false))
        {
            if (!await _client.SendResponseAsync(invocation.RequestId, output, stoppingToken).ConfigureAwait(false))
            {
                Log.ResponseTooLarge(_logger, invocation.RequestId);
                await _client.SendErrorAsync(
                    invocation.RequestId,
                    new RuntimeError(
                        "The response is larger than Lambda accepts (6 MB).", "Function.ResponseSizeTooLarge"),
                    stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private static byte[] EventBytes(ReadOnlyMemory<byte> eventBytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(eventBytes, out var segment)
            && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : eventBytes.ToArray();

    private DeadlineScope CreateDeadlineSource(DateTimeOffset? deadline, CancellationToken stoppingToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        if (deadline is not { } at)
        {
            return new DeadlineScope(source, null);
        }

        var remaining = at - _time.GetUtcNow() - DeadlineMargin;
        var timer = _time.CreateTimer(
            static state => ((CancellationTokenSource)state!).Cancel(),
            source,
            remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero,
            Timeout.InfiniteTimeSpan);
        return new DeadlineScope(source, timer);
    }

    /// <summary>The token of one invocation and the timer that cancels it at the deadline.</summary>
    private sealed class DeadlineScope(CancellationTokenSource source, ITimer? timer) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            // The timer goes first, so it never cancels a disposed source.
            timer?.Dispose();
            source.Dispose();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 100, Level = LogLevel.Information,
            Message = "Lambda runtime started with handler {Handler}")]
        public static partial void Started(ILogger logger, string handler);

        [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Lambda runtime stopped")]
        public static partial void Stopped(ILogger logger);

        [LoggerMessage(EventId = 102, Level = LogLevel.Error, Message = "Invocation {RequestId} failed")]
        public static partial void InvocationFailed(ILogger logger, Exception exception, string requestId);

        [LoggerMessage(EventId = 103, Level = LogLevel.Error,
            Message = "The response of invocation {RequestId} is larger than Lambda accepts")]
        public static partial void ResponseTooLarge(ILogger logger, string requestId);
    }
}
