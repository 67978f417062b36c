namespace ChangeThisFile.Client.Http;

/// <summary>Which timeouts apply to a request.</summary>
internal enum RequestKind
{
    /// <summary>A small request: attempt timeout per attempt and total timeout over all attempts.</summary>
    Control,

    /// <summary>A request with an uploaded file: upload timeout per attempt.</summary>
    Upload,

    /// <summary>A download: attempt timeout until response headers, download timeout for the whole transfer.</summary>
    Download,
}
