namespace ChangeThisFile.Emulator.Idempotency;

/// <summary>
/// A response kept so that it can be sent again byte for byte: status, content type, chosen
/// headers and a body held in memory (JSON) or in a temporary file (converted output).
/// </summary>
internal sealed class StoredResponse
{
    private StoredResponse(int statusCode, string contentType, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        StatusCode = statusCode;
        ContentType = contentType;
        Headers = headers;
    }

    /// <summary>The header that marks a response sent again for a repeated <c>Idempotency-Key</c>.</summary>
    public const string ReplayHeader = "Idempotent-Replayed";

    public int StatusCode { get; }

    public string ContentType { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

    public byte[]? Body { get; private init; }

    public string? FilePath { get; private set; }

    public bool IsSuccess => StatusCode is >= 200 and <= 299;

    public static StoredResponse FromBytes(
        int statusCode, string contentType, byte[] body, IReadOnlyList<KeyValuePair<string, string>> headers) =>
        new(statusCode, contentType, headers) { Body = body };

    public static StoredResponse FromFile(
        int statusCode, string contentType, string path, IReadOnlyList<KeyValuePair<string, string>> headers) =>
        new(statusCode, contentType, headers) { FilePath = path };

    public async Task WriteAsync(HttpContext context, bool replayed)
    {
        var response = context.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        if (replayed)
        {
            response.Headers[ReplayHeader] = "true";
        }

        if (FilePath is { } path)
        {
            response.ContentLength = new FileInfo(path).Length;
            await response.SendFileAsync(path, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var body = Body ?? [];
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Deletes the body file, once nothing will send this response again.</summary>
    public void DeleteFile()
    {
        TempFiles.TryDelete(FilePath);
        FilePath = null;
    }
}
