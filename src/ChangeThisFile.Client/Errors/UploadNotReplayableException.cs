namespace ChangeThisFile.Client;

/// <summary>
/// Thrown when an upload failed with a transient error after some of its bytes were read from a
/// forward-only stream, so the client cannot send the same body again.
/// </summary>
/// <remarks>
/// The transient failure (an HTTP error, a connection reset or an attempt timeout) is the
/// <see cref="Exception.InnerException"/>. To let the client retry, pass a seekable stream, which
/// it rewinds to where it started, or create the content with
/// <see cref="UploadContent.FromFactory(Func{CancellationToken, ValueTask{Stream}}, string, long?, string?)"/>
/// or <see cref="UploadContent.FromFile(string, string?, string?)"/>, which reopen the source.
/// </remarks>
public sealed class UploadNotReplayableException : InvalidOperationException
{
    /// <summary>Initializes an exception for the upload of <paramref name="fileName"/>.</summary>
    /// <param name="fileName">The file name of the upload.</param>
    /// <param name="bytesSent">How many bytes of the file were read before the failure.</param>
    /// <param name="innerException">The transient failure that would otherwise have been retried.</param>
    public UploadNotReplayableException(string fileName, long bytesSent, Exception innerException)
        : base(CreateMessage(fileName, bytesSent, innerException), innerException)
    {
        FileName = fileName;
        BytesSent = bytesSent;
    }

    /// <summary>The file name of the upload.</summary>
    public string FileName { get; }

    /// <summary>How many bytes of the file were read from the stream before the failure.</summary>
    public long BytesSent { get; }

    private static string CreateMessage(string fileName, long bytesSent, Exception inner) =>
        $"The upload of '{fileName}' failed after {bytesSent} bytes were read from a forward-only stream " +
        $"({inner.GetType().Name}: {inner.Message}), and those bytes cannot be sent again, so the request " +
        "was not retried. Pass a seekable stream, or create the content with UploadContent.FromFactory " +
        "or UploadContent.FromFile so the client can reopen the source for a retry.";
}
