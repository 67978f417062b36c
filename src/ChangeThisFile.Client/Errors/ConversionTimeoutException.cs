namespace ChangeThisFile.Client;

/// <summary>
/// Thrown when a limit of the client itself expired: which one is in <see cref="Kind"/> and its
/// value in <see cref="Timeout"/>.
/// </summary>
/// <remarks>
/// Cancellation through the caller's own <see cref="CancellationToken"/> never produces this
/// exception; it surfaces as <see cref="OperationCanceledException"/> carrying that token.
/// </remarks>
public sealed class ConversionTimeoutException : TimeoutException
{
    /// <summary>Initializes an exception for the given limit.</summary>
    /// <param name="kind">The limit that expired.</param>
    /// <param name="timeout">The configured value of that limit.</param>
    /// <param name="jobId">
    /// The job being waited for, when <paramref name="kind"/> is <see cref="ConversionTimeoutKind.Wait"/>.
    /// </param>
    /// <param name="innerException">The cancellation that stopped the operation, if any.</param>
    public ConversionTimeoutException(
        ConversionTimeoutKind kind,
        TimeSpan timeout,
        string? jobId = null,
        Exception? innerException = null)
        : base(CreateMessage(kind, timeout, jobId), innerException)
    {
        Kind = kind;
        Timeout = timeout;
        JobId = jobId;
    }

    /// <summary>The limit that expired.</summary>
    public ConversionTimeoutKind Kind { get; }

    /// <summary>The configured value of the limit that expired.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The job being waited for; set only for <see cref="ConversionTimeoutKind.Wait"/>.</summary>
    public string? JobId { get; }

    private static string CreateMessage(ConversionTimeoutKind kind, TimeSpan timeout, string? jobId) =>
        kind switch
        {
            ConversionTimeoutKind.Attempt =>
                $"The request attempt timed out after {timeout} ({nameof(ConversionClientOptions.AttemptTimeout)}) " +
                "without receiving response headers.",
            ConversionTimeoutKind.Total =>
                $"The request timed out after {timeout} ({nameof(ConversionClientOptions.TotalTimeout)}), " +
                "retries and waits included.",
            ConversionTimeoutKind.Upload =>
                $"The upload timed out after {timeout} ({nameof(ConversionClientOptions.UploadTimeout)}); " +
                "raise the limit for large files or slow links.",
            ConversionTimeoutKind.Download =>
                $"The download timed out after {timeout} ({nameof(ConversionClientOptions.DownloadTimeout)}); " +
                "raise the limit for large files or slow links.",
            ConversionTimeoutKind.Wait =>
                $"Job '{jobId}' did not reach a terminal status within {timeout} " +
                $"({nameof(JobWaitOptions)}.{nameof(JobWaitOptions.Timeout)}); " +
                "wait again with the same job id to resume.",
            _ => $"The operation timed out after {timeout}.",
        };
}
