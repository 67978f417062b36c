using System.Threading.Channels;
using ChangeThisFile.Emulator.Api;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Emulator.Jobs;

/// <summary>
/// Runs queued jobs on <see cref="ConversionEmulatorOptions.MaxConcurrentJobs"/> loops
/// until stopped.
/// </summary>
internal sealed partial class JobWorker(
    JobProcessor processor, EmulatorContext context, ILogger<JobWorker> logger) : BackgroundService
{
    private readonly Channel<JobRecord> _queue = Channel.CreateUnbounded<JobRecord>();

    public void Enqueue(JobRecord job) => _queue.Writer.TryWrite(job);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, context.Options.MaxConcurrentJobs).Select(_ => RunLoopAsync(stoppingToken)));

    private async Task RunLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunOneAsync(job, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: jobs still queued stay as they are.
        }
    }

    private async Task RunOneAsync(JobRecord job, CancellationToken stoppingToken)
    {
        try
        {
            await processor.ProcessAsync(job, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One broken job must not stop the worker; the job is marked failed.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.JobCrashed(logger, ex, job.Id);
            var now = EmulatorJson.TruncateToSeconds(context.Options.TimeProvider.GetUtcNow());
            job.Fail(now, ErrorCodes.InternalError, "The emulator failed to process the job.");
            context.Jobs.Changed.Notify();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2101, Level = LogLevel.Error, Message = "Job {JobId} failed with an unexpected error")]
        public static partial void JobCrashed(ILogger logger, Exception exception, string jobId);
    }
}
