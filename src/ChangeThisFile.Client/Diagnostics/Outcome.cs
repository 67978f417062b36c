namespace ChangeThisFile.Client.Diagnostics;

/// <summary>The outcome tag values.</summary>
internal static class Outcome
{
    public const string Success = "success";
    public const string Error = "error";
    public const string Timeout = "timeout";
    public const string Canceled = "canceled";

    /// <summary>
    /// Returns the lowercase name of a documented status, or <c>unknown</c>, so that a value sent
    /// by the server cannot make tag values grow without bound.
    /// </summary>
    public static string StatusTag(JobStatus status) =>
        status.IsKnown ? status.Value.ToLowerInvariant() : "unknown";

    public static string Of(Exception exception) => exception switch
    {
        TimeoutException => Timeout,
        OperationCanceledException => Canceled,
        _ => Error,
    };
}
