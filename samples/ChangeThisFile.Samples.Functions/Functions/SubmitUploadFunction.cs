using Azure.Storage.Blobs;
using ChangeThisFile.Client.Flow;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Samples.Functions.Functions;

/// <summary>
/// Step 2: a blob created under <c>uploads/</c> in the upload container submits its conversion.
/// Results are written under <c>results/</c>, outside the trigger's path, so they never start
/// another conversion.
/// </summary>
/// <remarks>
/// A failure propagates, so the Functions host retries the blob and after
/// <c>poisonBlobThreshold</c> attempts (host.json) puts it on the <c>webjobs-blobtrigger-poison</c>
/// queue; submitting is idempotent, so a retry never creates a second job.
/// </remarks>
public sealed partial class SubmitUploadFunction(IConversionFlow flow, ILogger<SubmitUploadFunction> logger)
{
    /// <summary>The function's name.</summary>
    public const string Name = "SubmitUpload";

    /// <summary>The blob name prefix the trigger watches; the flow's <c>InputKeyPrefix</c> must equal it.</summary>
    public const string InputPrefix = ConversionFlowOptions.DefaultInputKeyPrefix;

    /// <summary>
    /// The trigger's path: the container from the <c>UploadContainer</c> app setting, then the prefix.
    /// </summary>
    public const string BlobPath = "%" + FunctionsServices.UploadContainerSetting + "%/" + InputPrefix + "{name}";

    /// <summary>Submits an uploaded blob.</summary>
    /// <param name="blob">The new blob; only its name is used, the content is never downloaded here.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>A task that completes when the upload is submitted.</returns>
    /// <exception cref="Exception">Storage, the record store or the API failed; the host retries the blob.</exception>
    [Function(Name)]
    public async Task Run(
        [BlobTrigger(BlobPath, Connection = FunctionsServices.UploadStorageSetting)] BlobClient blob,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        var result = await flow.SubmitUploadedObjectAsync(blob.Name, cancellationToken).ConfigureAwait(false);
        Log.Submitted(logger, blob.Name, result.Outcome, result.FileId, result.JobId, result.Message);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 330, Level = LogLevel.Information,
            Message = "Upload {BlobName} submitted: {Outcome} (file {FileId}, job {JobId}) {Message}")]
        public static partial void Submitted(
            ILogger logger, string blobName, SubmitOutcome outcome, string? fileId, string? jobId, string? message);
    }
}
