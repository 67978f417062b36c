namespace ChangeThisFile.Client;

/// <summary>
/// Thrown when a download ended before the number of bytes its <c>Content-Length</c> announced,
/// or when the connection broke in the middle of a body of unannounced length.
/// </summary>
/// <remarks>
/// When downloading to a file, the partial file is deleted and the target path is left as it was.
/// When downloading to a stream, the bytes already written stay in that stream.
/// </remarks>
public sealed class IncompleteDownloadException : IOException
{
    /// <summary>Initializes an exception for a download that ended early.</summary>
    /// <param name="url">The URL without its query string.</param>
    /// <param name="expectedBytes">The length the response announced, if it announced one.</param>
    /// <param name="receivedBytes">The number of bytes received.</param>
    /// <param name="innerException">The transport error that ended the body, if any.</param>
    public IncompleteDownloadException(
        string url, long? expectedBytes, long receivedBytes, Exception? innerException = null)
        : base(
            $"The download from {url} ended after {receivedBytes} " +
            (expectedBytes is { } expected
                ? $"of {expected} bytes announced by Content-Length. "
                : "bytes, before the body was complete. ") +
            "Download it again; for a job result, get the job again first for a fresh URL.",
            innerException)
    {
        Url = url;
        ExpectedBytes = expectedBytes;
        ReceivedBytes = receivedBytes;
    }

    /// <summary>The URL without its query string.</summary>
    public string Url { get; }

    /// <summary>The length announced by <c>Content-Length</c>, or <see langword="null"/> when there was none.</summary>
    public long? ExpectedBytes { get; }

    /// <summary>The number of bytes received before the body ended.</summary>
    public long ReceivedBytes { get; }
}
