using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChangeThisFile.Reliability.Tests.Infrastructure;

/// <summary>A response read off a raw socket: the status and the whole text, head and body.</summary>
public sealed record RawHttpResponse(int StatusCode, string Text);

/// <summary>
/// One TCP connection to 127.0.0.1 that writes byte-exact HTTP/1.1, for requests a client library
/// will not send: repeated or conflicting headers, folded lines, and bodies trickled byte by byte.
/// </summary>
public sealed class RawHttpConnection : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly StringBuilder _received = new();

    private RawHttpConnection(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawHttpConnection> OpenAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        return new RawHttpConnection(client);
    }

    /// <summary>Sends one request on a new connection and reads its response.</summary>
    public static async Task<RawHttpResponse> SendAsync(int port, string head, byte[] body)
    {
        using var connection = await OpenAsync(port);
        await connection.WriteAsync(Encoding.Latin1.GetBytes(head));
        await connection.WriteAsync(body);
        return await connection.ReadResponseAsync();
    }

    /// <summary>Builds a POST head; each header is written exactly as given, in order.</summary>
    public static string Head(string path, IEnumerable<(string Name, string Value)> headers)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        return head.Append("\r\n").ToString();
    }

    public async Task WriteAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Reads until one complete response (by its <c>Content-Length</c>) or the end of the stream.</summary>
    public async Task<RawHttpResponse> ReadResponseAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        var buffer = new byte[16 * 1024];
        while (!IsComplete(_received.ToString()))
        {
            var read = await _stream.ReadAsync(buffer, guard.Token);
            if (read == 0)
            {
                break;
            }

            _received.Append(Encoding.Latin1.GetString(buffer, 0, read));
        }

        var text = _received.ToString();
        _received.Clear();
        return new RawHttpResponse(int.Parse(text.AsSpan(9, 3), CultureInfo.InvariantCulture), text);
    }

    /// <summary>Waits until the server closes or resets the connection; false when the guard passes first.</summary>
    public async Task<bool> WaitForServerCloseAsync()
    {
        using var guard = new CancellationTokenSource(Guard);
        var buffer = new byte[1024];
        try
        {
            while (await _stream.ReadAsync(buffer, guard.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();

    private static bool IsComplete(string text)
    {
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var lengthLine = text[..end].Split("\r\n")
            .FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine[15..].Trim(), CultureInfo.InvariantCulture);
        return text.Length >= end + 4 + length;
    }
}
