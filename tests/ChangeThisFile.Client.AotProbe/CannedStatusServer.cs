using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChangeThisFile.Client.AotProbe;

/// <summary>
/// Answers every HTTP/1.1 request on 127.0.0.1 with one completed job status and closes the
/// connection. Plain sockets keep ASP.NET Core out of the binary being measured.
/// </summary>
internal sealed class CannedStatusServer : IDisposable
{
    private const string Status =
        "{\"job_id\":\"3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b\",\"status\":\"completed\"," +
        "\"created_at\":\"2026-01-01T00:00:00Z\",\"updated_at\":\"2026-01-01T00:00:03Z\"," +
        "\"source_format\":\"png\",\"target_format\":\"webp\",\"result\":{\"file_url\":" +
        "\"https://files.example.com/out/3b9e6c1a.webp?sig=abc\",\"size\":18342,\"duration_ms\":640}}";

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();

    private CannedStatusServer(TcpListener listener)
    {
        _listener = listener;
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public static CannedStatusServer Start()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var server = new CannedStatusServer(listener);
        _ = server.AcceptLoopAsync();
        return server;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var socket = await _listener.AcceptSocketAsync(_stop.Token);
                await AnswerAsync(socket);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException
            or ObjectDisposedException)
        {
            // The listener was stopped.
        }
    }

    private static async Task AnswerAsync(Socket socket)
    {
        var buffer = new byte[8192];
        var received = 0;
        while (received < buffer.Length)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received));
            received += read;
            if (read == 0 || buffer.AsSpan(0, received).IndexOf("\r\n\r\n"u8) >= 0)
            {
                break;
            }
        }

        var body = Encoding.UTF8.GetBytes(Status);
        var head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n" +
            $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await socket.SendAsync(Encoding.ASCII.GetBytes(head));
        await socket.SendAsync(body);
        socket.Shutdown(SocketShutdown.Both);
    }
}
