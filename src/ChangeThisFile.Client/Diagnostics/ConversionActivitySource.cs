using System.Diagnostics;

namespace ChangeThisFile.Client.Diagnostics;

/// <summary>Starts and completes the span of each client operation.</summary>
internal static class ConversionActivitySource
{
    private static readonly ActivitySource Source = new(
        ConversionClientDiagnostics.ActivitySourceName,
        typeof(ConversionActivitySource).Assembly.GetName().Version?.ToString());

    public static Activity? Start(string operation, string? jobId = null)
    {
        // The span name is built only when someone listens.
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity("ChangeThisFile." + operation, ActivityKind.Client);
        if (activity is null)
        {
            return null;
        }

        activity.SetTag(ConversionClientDiagnostics.OperationTagName, operation);
        if (jobId is not null)
        {
            activity.SetTag(ConversionClientDiagnostics.JobIdTagName, jobId);
        }

        return activity;
    }

    public static void SetJobId(this Activity? activity, string? jobId)
    {
        if (jobId is not null)
        {
            activity?.SetTag(ConversionClientDiagnostics.JobIdTagName, jobId);
        }
    }

    public static void Succeed(this Activity? activity, string outcome = "success")
    {
        activity?.SetTag(ConversionClientDiagnostics.OutcomeTagName, outcome);
        activity?.SetStatus(ActivityStatusCode.Ok);
    }

    /// <summary>Records the outcome of a failure; the exception message is free of secrets by construction.</summary>
    public static void Fail(this Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        var outcome = Outcome.Of(exception);
        activity.SetTag(ConversionClientDiagnostics.OutcomeTagName, outcome);
        activity.SetTag("error.type", exception is ConversionApiException api
            ? ((int)api.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)
            : exception.GetType().FullName);
        activity.SetStatus(ActivityStatusCode.Error, exception.Message);
    }
}
