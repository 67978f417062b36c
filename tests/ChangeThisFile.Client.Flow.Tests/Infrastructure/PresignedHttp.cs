using System.Net.Http.Headers;

namespace ChangeThisFile.Client.Flow.Tests.Infrastructure;

/// <summary>Sends a presigned request the way a browser would: the URL, the method and the listed headers.</summary>
public static class PresignedHttp
{
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, string method, Uri url, IReadOnlyDictionary<string, string> headers, byte[]? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content ??= new ByteArrayContent([]);
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> UploadAsync(HttpClient http, CreateUploadResult ticket, byte[] body) =>
        SendAsync(http, ticket.Method, ticket.UploadUrl, ticket.Headers, body);
}
