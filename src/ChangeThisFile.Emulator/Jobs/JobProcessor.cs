using ChangeThisFile.Emulator.Api;
using ChangeThisFile.Emulator.Conversion;
using ChangeThisFile.Emulator.Webhooks;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Emulator.Jobs;

/// <summary>
/// Moves one job through its life: waits out the queue delay, marks it processing, fetches a
/// <c>file_url</c>, converts, records the outcome and hands the job to the webhook dispatcher.
/// </summary>
internal sealed partial class JobProcessor(
    EmulatorContext context,
    ConversionEngine engine,
    FileFetcher fetcher,
    WebhookDispatcher webhooks,
    ILogger<JobProcessor> logger)
{
    private TimeProvider Time => context.Options.TimeProvider;

    public async Task ProcessAsync(JobRecord job, CancellationToken cancellationToken)
    {
        var queuedUntil = job.CreatedAt + context.Options.JobQueueDelay;
        await DelayAsync(queuedUntil - Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        job.MarkProcessing(Now());
        context.Jobs.Changed.Notify();
        if (context.Faults.NextJobStalls())
        {
            Log.JobStalled(logger, job.Id);
            return;
        }

        await DelayAsync(context.Options.JobProcessingDelay, cancellationToken).ConfigureAwait(false);
        try
        {
            await ConvertAsync(job, cancellationToken).ConfigureAwait(false);
            Log.JobCompleted(logger, job.Id, job.SourceFormat ?? "unknown", job.Draft.TargetFormat);
        }
        catch (ConversionFailedException ex)
        {
            Fail(job, ErrorCodes.ConversionFailed, ex.Message);
        }
        catch (FetchFailedException ex)
        {
            Fail(job, ex.Code, ex.Message);
        }
        catch (UnsupportedSourceException ex)
        {
            Fail(job, ex.Code, ex.Message);
        }
        finally
        {
            TempFiles.TryDelete(job.TakeInputPath());
        }

        context.Jobs.Changed.Notify();
        webhooks.Dispatch(job);
    }

    private async Task ConvertAsync(JobRecord job, CancellationToken cancellationToken)
    {
        if (job.Draft.FileUrl is { } url)
        {
            var path = context.TempFiles.NewPath("fetched");
            var fetched = await fetcher.FetchAsync(url, path, cancellationToken).ConfigureAwait(false);
            job.SetInput(path, fetched.Size, FormatNames.FromFileName(fetched.FileName), fetched.FileName);
        }

        var inputPath = job.InputPath!;
        var source = job.SourceFormat
            ?? await FormatNames.SniffFileAsync(inputPath, cancellationToken).ConfigureAwait(false)
            ?? throw new UnsupportedSourceException(
                ErrorCodes.BadRequest,
                "The source format could not be detected from the file name or content; send the 'source' field.");
        job.SetSourceFormat(source);
        if (!EmulatorRoutes.IsSupported(source, job.Draft.TargetFormat))
        {
            var error = ApiErrors.UnsupportedRoute(source, job.Draft.TargetFormat);
            throw new UnsupportedSourceException(error.Code, error.Message);
        }

        var outputPath = context.TempFiles.NewPath("result");
        var title = Path.GetFileNameWithoutExtension(job.Snapshot().ResultFileName);
        var work = new ConversionWork(inputPath, source, job.Draft.TargetFormat, job.Draft.Quality, title, outputPath);
        var output = await engine.ConvertAsync(work, cancellationToken).ConfigureAwait(false);
        job.Complete(Now(), outputPath, output.Size, output.DurationMilliseconds);
    }

    private void Fail(JobRecord job, string code, string message)
    {
        job.Fail(Now(), code, message);
        Log.JobFailed(logger, job.Id, code, message);
    }

    private Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        delay > TimeSpan.Zero ? Task.Delay(delay, Time, cancellationToken) : Task.CompletedTask;

    private DateTimeOffset Now() => EmulatorJson.TruncateToSeconds(Time.GetUtcNow());

    /// <summary>The source format is unknown or not routable to the target after fetching.</summary>
    private sealed class UnsupportedSourceException(string code, string message) : Exception(message)
    {
        public string Code { get; } = code;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
            Message = "Job {JobId} completed: {Source} to {Target}")]
        public static partial void JobCompleted(ILogger logger, string jobId, string source, string target);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Information,
            Message = "Job {JobId} failed with {Code}: {Reason}")]
        public static partial void JobFailed(ILogger logger, string jobId, string code, string reason);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Information,
            Message = "Job {JobId} stalled by fault injection; it stays processing")]
        public static partial void JobStalled(ILogger logger, string jobId);
    }
}
