namespace ChangeThisFile.Client.Diagnostics;

/// <summary>The outcome tag values.</summary>
internal static class Outcome
{
    public const string Success = "success";
    public const string Error = "error";
    public const string Timeout = "timeout";
    public const string Canceled = "canceled";

    public static string Of(Exception exception) => exception switch
    {
        TimeoutException => Timeout,
        OperationCanceledException => Canceled,
        _ => Error,
    };
}
