using System.Net;
using System.Net.Http.Headers;

namespace ChangeThisFile.Client.Storage;

/// <summary>
/// Serves the presigned URLs of an <see cref="InMemoryObjectStorage"/> in process, answering as a
/// storage service would: 403 for an unknown token, a wrong method or key, an expired URL or a
/// mismatched <c>Content-Type</c>; 413 for an upload over the size limit; 404 for a missing object.
/// </summary>
internal sealed class InMemoryPresignedHandler(InMemoryObjectStorage storage) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri;
        if (uri is null ||
            !string.Equals(uri.Host, InMemoryObjectStorage.PresignedHost, StringComparison.OrdinalIgnoreCase))
        {
            return Text(HttpStatusCode.BadGateway, $"Only {InMemoryObjectStorage.PresignedHost} is served in memory.");
        }

        var rejection = Authorize(request, uri, out var grant);
        if (rejection is not null)
        {
            return rejection;
        }

        return grant.Method == "PUT"
            ? await UploadAsync(request, grant, cancellationToken).ConfigureAwait(false)
            : Download(grant);
    }

    private HttpResponseMessage? Authorize(
        HttpRequestMessage request, Uri uri, out InMemoryObjectStorage.PresignedGrant grant)
    {
        var token = ReadToken(uri.Query);
        if (token is null || !storage.TryGetGrant(token, out grant))
        {
            grant = null!;
            return Text(HttpStatusCode.Forbidden, "The URL carries no valid token.");
        }

        if (!string.Equals(request.Method.Method, grant.Method, StringComparison.Ordinal))
        {
            return Text(HttpStatusCode.Forbidden, $"The URL was signed for {grant.Method}, not {request.Method}.");
        }

        var key = string.Join('/', uri.AbsolutePath.TrimStart('/').Split('/').Select(Uri.UnescapeDataString));
        if (!string.Equals(key, grant.Key, StringComparison.Ordinal))
        {
            return Text(HttpStatusCode.Forbidden, "The URL path does not match the signed key.");
        }

        if (storage.TimeProvider.GetUtcNow() >= grant.ExpiresAt)
        {
            return Text(HttpStatusCode.Forbidden, $"The URL expired at {grant.ExpiresAt:O}.");
        }

        return null;
    }

    private async Task<HttpResponseMessage> UploadAsync(
        HttpRequestMessage request, InMemoryObjectStorage.PresignedGrant grant, CancellationToken cancellationToken)
    {
        var sent = request.Content?.Headers.ContentType?.ToString();
        if (grant.ContentType is not null &&
            !string.Equals(sent, grant.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return Text(
                HttpStatusCode.Forbidden,
                $"The Content-Type '{sent}' does not match the signed '{grant.ContentType}'.");
        }

        var content = request.Content is null
            ? []
            : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (grant.MaxSizeBytes is { } max && content.LongLength > max)
        {
            return Text(HttpStatusCode.RequestEntityTooLarge, $"The upload exceeds the signed limit of {max} bytes.");
        }

        storage.Store(grant.Key, content, sent);
        return new HttpResponseMessage(HttpStatusCode.OK);
    }

    private HttpResponseMessage Download(InMemoryObjectStorage.PresignedGrant grant)
    {
        if (!storage.TryGetObject(grant.Key, out var stored))
        {
            return Text(HttpStatusCode.NotFound, "No object exists with this key.");
        }

        var content = new ByteArrayContent(stored.Content);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(stored.ContentType);
        if (grant.FileName is not null)
        {
            content.Headers.ContentDisposition =
                ContentDispositionHeaderValue.Parse(ContentDispositionHeader.Attachment(grant.FileName));
        }

        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private static string? ReadToken(string query)
    {
        foreach (var part in query.TrimStart('?').Split('&'))
        {
            if (part.StartsWith("token=", StringComparison.Ordinal))
            {
                return part["token=".Length..];
            }
        }

        return null;
    }

    private static HttpResponseMessage Text(HttpStatusCode status, string message) =>
        new(status) { Content = new StringContent(message) };
}
