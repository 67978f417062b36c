namespace ChangeThisFile.Reliability.Tests.Soak;

/// <summary>How one soak conversion ended.</summary>
public enum SoakOutcome
{
    /// <summary>The webhook arrived and the downloaded result matched the input.</summary>
    CompletedByWebhook,

    /// <summary>No webhook arrived in time, but polling found the job done and the result matched.</summary>
    CompletedByPolling,

    /// <summary>The result arrived but did not match the input, or the job failed.</summary>
    WrongResult,

    /// <summary>The job completed but its result could not be downloaded.</summary>
    DownloadFailed,

    /// <summary>Every submission attempt failed, so no job exists and the caller knows it.</summary>
    SubmitFailed,

    /// <summary>A job was accepted but neither its webhook nor polling ever showed it done.</summary>
    Lost,
}

/// <summary>
/// A way to carry one conversion from its input to a verified result. The soak driver runs many
/// at once and needs nothing else, so the same driver can load the client with a webhook
/// receiver today and a hosted four-step flow (upload URL, upload, submit, webhook, status) later.
/// </summary>
public interface ISoakPipeline : IAsyncDisposable
{
    /// <summary>A short name for the report, such as <c>client + webhook receiver</c>.</summary>
    string Name { get; }

    /// <summary>Runs the conversion to its end; never throws for a failure of the conversion itself.</summary>
    Task<SoakOutcome> RunAsync(SoakConversion conversion, CancellationToken cancellationToken);

    /// <summary>Returns the pipeline's own figures for the report, such as webhook deliveries.</summary>
    IReadOnlyList<(string Name, string Value)> Figures();

    /// <summary>
    /// After the run, counts conversions that produced more than one job on the API side, which
    /// a retry without a stable idempotency key would cause.
    /// </summary>
    Task<long> CountDuplicateJobsAsync(CancellationToken cancellationToken);
}
