namespace ChangeThisFile.Client;

/// <summary>
/// The converted file returned by <c>POST /v1/convert</c>, streamed from the response: read
/// <see cref="Content"/> once, then dispose the result to release the connection.
/// </summary>
public sealed class ConversionResult : IDisposable, IAsyncDisposable
{
    private readonly IDisposable? _owner;

    /// <summary>Initializes a result; the client creates it, and tests or mocks may too.</summary>
    /// <param name="content">The body stream of the converted file.</param>
    /// <param name="fileName">The file name from <c>Content-Disposition</c>, if any.</param>
    /// <param name="contentType">The media type of the converted file, if any.</param>
    /// <param name="contentLength">The length from <c>Content-Length</c>, if any.</param>
    /// <param name="conversionTime">The server's conversion time from <c>X-Conversion-Time</c>, if any.</param>
    /// <param name="rateLimit">The rate-limit figures of the response, if any.</param>
    /// <param name="requestId">The request id of the response, if any.</param>
    /// <param name="owner">An object to dispose together with the result, such as the response.</param>
    public ConversionResult(
        Stream content,
        string? fileName,
        string? contentType,
        long? contentLength,
        TimeSpan? conversionTime,
        RateLimitInfo? rateLimit,
        string? requestId = null,
        IDisposable? owner = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        Content = content;
        FileName = fileName;
        ContentType = contentType;
        ContentLength = contentLength;
        ConversionTime = conversionTime;
        RateLimit = rateLimit;
        RequestId = requestId;
        _owner = owner;
    }

    /// <summary>The converted bytes, read straight from the connection; readable once.</summary>
    public Stream Content { get; }

    /// <summary>
    /// The file name from <c>Content-Disposition</c> (<c>filename*</c> preferred), with any
    /// directory part removed. It comes from the server: sanitize it before using it as a path.
    /// </summary>
    public string? FileName { get; }

    /// <summary>The media type of the converted file, such as <c>image/webp</c>.</summary>
    public string? ContentType { get; }

    /// <summary>The announced length of the converted file in bytes, when the response had one.</summary>
    public long? ContentLength { get; }

    /// <summary>The server's conversion time, from the <c>X-Conversion-Time</c> header (<c>212ms</c>).</summary>
    public TimeSpan? ConversionTime { get; }

    /// <summary>The rate-limit figures of the response, when it carried them.</summary>
    public RateLimitInfo? RateLimit { get; }

    /// <summary>The request id of the response, when it carried one.</summary>
    public string? RequestId { get; }

    /// <summary>Releases the body stream and the connection.</summary>
    public void Dispose()
    {
        Content.Dispose();
        _owner?.Dispose();
    }

    /// <summary>Releases the body stream and the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _owner?.Dispose();
    }
}
