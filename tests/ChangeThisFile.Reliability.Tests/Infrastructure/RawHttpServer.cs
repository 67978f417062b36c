using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChangeThisFile.Reliability.Tests.Infrastructure;

/// <summary>
/// A small HTTP/1.1 server on a raw <see cref="TcpListener"/> at 127.0.0.1, for the faults a
/// framework will not produce: a reset in the middle of a response, a body shorter than its
/// <c>Content-Length</c>, and a server that never responds. It counts the connections it accepts
/// and those still open.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<RawRequest, ServerAction> _handler;
    private readonly Task _acceptLoop;
    private readonly HashSet<int> _open = [];
    private int _accepted;
    private int _firstCounted;
    private int _hangs;

    public RawHttpServer(Func<RawRequest, ServerAction> handler)
    {
        _handler = handler;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>How many connections the server accepted since <see cref="ResetCounts"/>.</summary>
    public int Accepted => Volatile.Read(ref _accepted) - Volatile.Read(ref _firstCounted);

    /// <summary>How many connections accepted since <see cref="ResetCounts"/> are still open.</summary>
    public int Open
    {
        get
        {
            lock (_open)
            {
                var first = Volatile.Read(ref _firstCounted);
                return _open.Count(id => id >= first);
            }
        }
    }

    /// <summary>How many responses the server has left hanging on purpose since <see cref="ResetCounts"/>.</summary>
    public int HangsStarted => Volatile.Read(ref _hangs);

    /// <summary>Starts counting connections and hangs afresh, for the next test.</summary>
    public void ResetCounts()
    {
        Volatile.Write(ref _firstCounted, Volatile.Read(ref _accepted));
        Volatile.Write(ref _hangs, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _acceptLoop.ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException)
            {
                return;
            }

            var id = Interlocked.Increment(ref _accepted) - 1;
            lock (_open)
            {
                _open.Add(id);
            }

            _ = ServeAsync(client, id);
        }
    }

    private async Task ServeAsync(TcpClient client, int id)
    {
        try
        {
            var stream = client.GetStream();
            var reader = new RawRequestReader(stream);
            while (await reader.ReadAsync(_stopping.Token) is { } request)
            {
                if (!await PerformAsync(client, stream, _handler(request)))
                {
                    return;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException
            or OperationCanceledException or ObjectDisposedException or InvalidDataException)
        {
            // The client went away or sent something this server does not parse; the connection ends.
        }
        finally
        {
            client.Dispose();
            lock (_open)
            {
                _open.Remove(id);
            }
        }
    }

    /// <summary>Carries out the action; returns whether the connection stays open for another request.</summary>
    private async Task<bool> PerformAsync(TcpClient client, NetworkStream stream, ServerAction action)
    {
        var reply = action.Reply;
        switch (action.Kind)
        {
            case ServerActionKind.Respond:
                await stream.WriteAsync(Head(reply, reply.Body.Length), _stopping.Token);
                await stream.WriteAsync(reply.Body, _stopping.Token);
                return true;
            case ServerActionKind.ResetInHeaders:
                var head = Head(reply, reply.Body.Length);
                await stream.WriteAsync(head.AsMemory(0, head.Length / 2), _stopping.Token);
                Reset(client);
                return false;
            case ServerActionKind.ResetInBody:
                await stream.WriteAsync(Head(reply, reply.Body.Length), _stopping.Token);
                await stream.WriteAsync(reply.Body.AsMemory(0, reply.Body.Length / 2), _stopping.Token);
                Reset(client);
                return false;
            case ServerActionKind.Truncate:
                await stream.WriteAsync(Head(reply, reply.Body.Length + 64), _stopping.Token);
                await stream.WriteAsync(reply.Body, _stopping.Token);
                client.Client.Shutdown(SocketShutdown.Send);
                await DrainUntilClosedAsync(stream);
                return false;
            case ServerActionKind.StallInBody:
                await stream.WriteAsync(Head(reply, reply.Body.Length), _stopping.Token);
                await stream.WriteAsync(reply.Body.AsMemory(0, reply.Body.Length / 2), _stopping.Token);
                Interlocked.Increment(ref _hangs);
                await DrainUntilClosedAsync(stream);
                return false;
            default:
                Interlocked.Increment(ref _hangs);
                await DrainUntilClosedAsync(stream);
                return false;
        }
    }

    private async Task DrainUntilClosedAsync(NetworkStream stream)
    {
        var buffer = new byte[1024];
        while (await stream.ReadAsync(buffer, _stopping.Token) > 0)
        {
        }
    }

    // Closing with a zero linger time sends RST instead of FIN.
    private static void Reset(TcpClient client)
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
    }

    private static byte[] Head(ApiReply reply, int contentLength)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {reply.Status} {ReasonPhrase(reply.Status)}\r\n");
        foreach (var (name, value) in reply.Headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {contentLength}\r\n\r\n");
        return Encoding.Latin1.GetBytes(head.ToString());
    }

    private static string ReasonPhrase(int status) => status switch
    {
        200 => "OK",
        202 => "Accepted",
        404 => "Not Found",
        _ => "Status",
    };
}
