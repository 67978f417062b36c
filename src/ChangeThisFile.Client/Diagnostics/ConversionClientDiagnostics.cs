namespace ChangeThisFile.Client;

/// <summary>
/// Names of the client's <see cref="System.Diagnostics.ActivitySource"/>, meter, instruments and
/// tags, for OpenTelemetry configuration such as <c>AddSource</c> and <c>AddMeter</c>.
/// </summary>
/// <remarks>
/// No log, span, tag or metric carries the API key, a webhook secret or the query string of a
/// URL; URLs are recorded as scheme, host, port and path.
/// </remarks>
public static class ConversionClientDiagnostics
{
    /// <summary>The name of the activity source: one span per client operation.</summary>
    public const string ActivitySourceName = "ChangeThisFile.Client";

    /// <summary>The name of the meter.</summary>
    public const string MeterName = "ChangeThisFile.Client";

    /// <summary>Counter of HTTP requests sent (one per logical request, retries not counted).</summary>
    public const string RequestsInstrumentName = "changethisfile.client.requests";

    /// <summary>Histogram of the duration of HTTP requests in seconds, retries included.</summary>
    public const string RequestDurationInstrumentName = "changethisfile.client.request.duration";

    /// <summary>Counter of retried attempts, tagged with the reason.</summary>
    public const string RetriesInstrumentName = "changethisfile.client.retries";

    /// <summary>Counter of file bytes uploaded.</summary>
    public const string BytesSentInstrumentName = "changethisfile.client.bytes_sent";

    /// <summary>Counter of file bytes downloaded.</summary>
    public const string BytesReceivedInstrumentName = "changethisfile.client.bytes_received";

    /// <summary>Histogram of the time spent waiting for a job to finish, in seconds.</summary>
    public const string WaitDurationInstrumentName = "changethisfile.client.job.wait.duration";

    /// <summary>Tag with the client operation, such as <c>GetJob</c>.</summary>
    public const string OperationTagName = "changethisfile.operation";

    /// <summary>Tag with the job id.</summary>
    public const string JobIdTagName = "changethisfile.job_id";

    /// <summary>Tag with the outcome: <c>success</c>, <c>error</c>, <c>timeout</c> or <c>canceled</c>.</summary>
    public const string OutcomeTagName = "changethisfile.outcome";

    /// <summary>Tag with the job status the operation saw last, such as <c>completed</c>.</summary>
    public const string JobStatusTagName = "changethisfile.job.status";

    /// <summary>Tag with the reason for a retry, such as <c>http_503</c> or <c>attempt_timeout</c>.</summary>
    public const string RetryReasonTagName = "changethisfile.retry.reason";
}
