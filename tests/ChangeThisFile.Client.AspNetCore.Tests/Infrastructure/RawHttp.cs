using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ChangeThisFile.Client.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Sends byte-exact HTTP/1.1 requests over a socket to 127.0.0.1, for headers and bodies that
/// HttpClient refuses to send (non-ASCII headers, repeated headers, trickled bodies).
/// </summary>
public static class RawHttp
{
    public static async Task<RawResponse> SendAsync(
        int port, string path, IEnumerable<(string Name, string Value)> headers, byte[] body)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Head(path, headers, body.Length));
        await stream.WriteAsync(body);
        return await ReadResponseAsync(stream);
    }

    /// <summary>Sends the head and the first bytes of a body, then nothing more until the response arrives.</summary>
    public static async Task<(TcpClient Client, NetworkStream Stream)> StartTrickleAsync(
        int port, string path, IEnumerable<(string Name, string Value)> headers, byte[] firstBytes, int declaredLength)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var stream = client.GetStream();
        await stream.WriteAsync(Head(path, headers, declaredLength));
        await stream.WriteAsync(firstBytes);
        return (client, stream);
    }

    public static async Task<RawResponse> ReadResponseAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var buffer = new byte[64 * 1024];
        var text = new StringBuilder();
        while (true)
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            text.Append(Encoding.Latin1.GetString(buffer, 0, read));
            if (IsComplete(text.ToString()))
            {
                break;
            }
        }

        var response = text.ToString();
        var status = int.Parse(response.AsSpan(9, 3), CultureInfo.InvariantCulture);
        return new RawResponse(status, response);
    }

    private static byte[] Head(string path, IEnumerable<(string Name, string Value)> headers, int contentLength)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        head.Append("Content-Type: application/json\r\n");
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {contentLength}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append("\r\n");
        return Encoding.UTF8.GetBytes(head.ToString());
    }

    private static bool IsComplete(string response)
    {
        var end = response.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var lengthLine = response[..end].Split("\r\n")
            .FirstOrDefault(line => line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine[15..].Trim(), CultureInfo.InvariantCulture);
        return response.Length >= end + 4 + length;
    }
}

public sealed record RawResponse(int StatusCode, string Text);
