namespace ChangeThisFile.Client.Flow;

/// <summary>
/// Names of the flow's <see cref="System.Diagnostics.ActivitySource"/>, meter, instruments and tags,
/// for OpenTelemetry configuration such as <c>AddSource</c> and <c>AddMeter</c>.
/// </summary>
/// <remarks>
/// Spans and logs carry the file id and the job id. Metrics carry only the operation and the
/// outcome, because ids would give every series its own time series. Nothing records a signed
/// URL's query string or a secret.
/// </remarks>
public static class ConversionFlowDiagnostics
{
    /// <summary>The name of the activity source: one span per step.</summary>
    public const string ActivitySourceName = "ChangeThisFile.Client.Flow";

    /// <summary>The name of the meter.</summary>
    public const string MeterName = "ChangeThisFile.Client.Flow";

    /// <summary>Counter of steps run, tagged with the operation and the outcome.</summary>
    public const string OperationsInstrumentName = "changethisfile.flow.operations";

    /// <summary>Histogram of the duration of steps in seconds, tagged with the operation and the outcome.</summary>
    public const string OperationDurationInstrumentName = "changethisfile.flow.operation.duration";

    /// <summary>Counter of result bytes copied from the API into storage.</summary>
    public const string ResultBytesInstrumentName = "changethisfile.flow.result.bytes";

    /// <summary>Counter of record updates that lost a race and were applied again, tagged with the operation.</summary>
    public const string ConflictsInstrumentName = "changethisfile.flow.record.conflicts";

    /// <summary>
    /// Tag with the step: <c>CreateUpload</c>, <c>Submit</c>, <c>HandleWebhook</c> or <c>GetStatus</c>.
    /// </summary>
    public const string OperationTagName = "changethisfile.flow.operation";

    /// <summary>
    /// Tag with the outcome, such as <c>submitted</c>, <c>applied</c>, <c>unmatched</c> or <c>not_found</c>,
    /// or <c>error</c> when the step threw.
    /// </summary>
    public const string OutcomeTagName = "changethisfile.flow.outcome";

    /// <summary>Span tag with the file id.</summary>
    public const string FileIdTagName = "changethisfile.file_id";

    /// <summary>Span tag with the job id (the same name the client's spans use).</summary>
    public const string JobIdTagName = ConversionClientDiagnostics.JobIdTagName;
}
