namespace ChangeThisFile.Client;

/// <summary>The limit that a <see cref="ConversionTimeoutException"/> reports as exceeded.</summary>
public enum ConversionTimeoutKind
{
    /// <summary>
    /// One attempt of a request did not receive response headers within
    /// <see cref="ConversionClientOptions.AttemptTimeout"/>. The client retries such attempts; the
    /// exception surfaces only when no retry is left or allowed.
    /// </summary>
    Attempt,

    /// <summary>
    /// A control call (job status, job list, account endpoints) did not finish, retries and waits
    /// included, within <see cref="ConversionClientOptions.TotalTimeout"/>.
    /// </summary>
    Total,

    /// <summary>
    /// One upload attempt (sending the body and receiving the response headers) did not finish
    /// within <see cref="ConversionClientOptions.UploadTimeout"/>.
    /// </summary>
    Upload,

    /// <summary>
    /// A download (response headers and the whole body) did not finish within
    /// <see cref="ConversionClientOptions.DownloadTimeout"/>.
    /// </summary>
    Download,

    /// <summary>
    /// A job did not reach a terminal status within <see cref="JobWaitOptions.Timeout"/>.
    /// </summary>
    Wait,
}
