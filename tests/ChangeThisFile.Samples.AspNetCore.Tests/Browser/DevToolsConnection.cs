using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChangeThisFile.Samples.AspNetCore.Tests.Browser;

/// <summary>
/// A minimal client of the Chrome DevTools Protocol over one WebSocket: sends commands, matches
/// each response to its command by id, and ignores events. Every command has a timeout, so a
/// browser that stops responding fails the test instead of hanging it.
/// </summary>
internal sealed class DevToolsConnection : IAsyncDisposable
{
    /// <summary>How long one command may take.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(15);

    private const int ReceiveBufferBytes = 64 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly Task _receiving;
    private int _lastId;

    private DevToolsConnection(ClientWebSocket socket)
    {
        _socket = socket;
        _receiving = Task.Run(ReceiveLoopAsync);
    }

    public static async Task<DevToolsConnection> ConnectAsync(Uri endpoint)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await socket.ConnectAsync(endpoint, timeout.Token);
        return new DevToolsConnection(socket);
    }

    /// <summary>Sends a command, to a page when <paramref name="sessionId"/> is set, and returns its result.</summary>
    /// <exception cref="InvalidOperationException">The browser returned an error for the command.</exception>
    /// <exception cref="TimeoutException">No response came within <see cref="CommandTimeout"/>.</exception>
    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters = null, string? sessionId = null)
    {
        var id = Interlocked.Increment(ref _lastId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        if (sessionId is not null)
        {
            message["sessionId"] = sessionId;
        }

        var response = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        var bytes = Encoding.UTF8.GetBytes(message.ToJsonString());
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, _closing.Token);
        }
        finally
        {
            _sending.Release();
        }

        try
        {
            return await response.Task.WaitAsync(CommandTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The browser did not respond to {method} within {CommandTimeout}.");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        _socket.Abort();
        try
        {
            await _receiving;
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
            // The socket was aborted on purpose.
        }

        _socket.Dispose();
        _closing.Dispose();
        _sending.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[ReceiveBufferBytes];
        using var message = new MemoryStream();
        while (!_closing.IsCancellationRequested)
        {
            var received = await _socket.ReceiveAsync(buffer, _closing.Token);
            if (received.MessageType == WebSocketMessageType.Close)
            {
                FailPending("The browser closed the DevTools connection.");
                return;
            }

            message.Write(buffer, 0, received.Count);
            if (!received.EndOfMessage)
            {
                continue;
            }

            Dispatch(message.ToArray());
            message.SetLength(0);
        }
    }

    private void Dispatch(byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        if (!root.TryGetProperty("id", out var idElement)
            || !_pending.TryGetValue(idElement.GetInt32(), out var response))
        {
            return;
        }

        if (root.TryGetProperty("error", out var error))
        {
            response.TrySetException(new InvalidOperationException($"DevTools error: {error.GetRawText()}"));
            return;
        }

        response.TrySetResult(root.GetProperty("result").Clone());
    }

    private void FailPending(string reason)
    {
        foreach (var response in _pending.Values)
        {
            response.TrySetException(new InvalidOperationException(reason));
        }
    }
}
