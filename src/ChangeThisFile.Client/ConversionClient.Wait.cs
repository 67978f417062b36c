using System.Diagnostics;
using ChangeThisFile.Client.Diagnostics;
using ChangeThisFile.Client.Http;

namespace ChangeThisFile.Client;

public sealed partial class ConversionClient
{
    // Timers accept at most about 24.8 days, so the limit is a round number below that.
    private static readonly TimeSpan MaxWaitTimeout = TimeSpan.FromDays(24);

    // A job is polled at least once an hour unless the API sends a longer Retry-After.
    private static readonly TimeSpan MaxPollInterval = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public Task<ConversionJob> WaitForCompletionAsync(
        string jobId, JobWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        RequestValidation.JobId(jobId);
        options ??= new JobWaitOptions();
        ValidateWaitOptions(options);
        return RunAsync(
            "WaitForCompletion",
            jobId,
            (activity, token) => WaitCoreAsync(jobId, options, activity, token),
            cancellationToken);
    }

    private async Task<ConversionJob> WaitCoreAsync(
        string jobId, JobWaitOptions options, Activity? activity, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var outcome = Outcome.Error;
        string? status = null;
        try
        {
            var job = await TimeoutScope.RunAsync(
                token => PollUntilTerminalAsync(jobId, options, token),
                options.Timeout,
                ConversionTimeoutKind.Wait,
                _timeProvider,
                cancellationToken).ConfigureAwait(false);
            outcome = Outcome.Success;
            status = Outcome.StatusTag(job.Status);
            activity?.SetTag(ConversionClientDiagnostics.JobStatusTagName, status);
            Log.JobFinished(_logger, jobId, job.Status.Value, _timeProvider.GetElapsedTime(started));
            return job;
        }
        catch (ConversionTimeoutException exception) when (exception.Kind == ConversionTimeoutKind.Wait)
        {
            outcome = Outcome.Timeout;
            throw new ConversionTimeoutException(
                ConversionTimeoutKind.Wait, options.Timeout, jobId, exception.InnerException);
        }
        catch (OperationCanceledException)
        {
            outcome = Outcome.Canceled;
            throw;
        }
        finally
        {
            var tags = ConversionClientMetrics.OperationTags("WaitForCompletion");
            tags.Add(ConversionClientDiagnostics.OutcomeTagName, outcome);
            if (status is not null)
            {
                tags.Add(ConversionClientDiagnostics.JobStatusTagName, status);
            }

            _metrics.WaitDuration.Record(_timeProvider.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    /// <summary>
    /// Polls until the job is terminal. A transient failure of one poll (after the request's own
    /// retries) does not end the wait; the next poll follows after the usual delay.
    /// </summary>
    private async Task<ConversionJob> PollUntilTerminalAsync(
        string jobId, JobWaitOptions options, CancellationToken cancellationToken)
    {
        for (var poll = 1; ; poll++)
        {
            TimeSpan delay;
            try
            {
                var (job, retryAfter) = await GetJobCoreAsync(jobId, readRetryAfter: true, cancellationToken).ConfigureAwait(false);
                options.Progress?.Report(job);
                if (job.Status.IsTerminal)
                {
                    return job;
                }

                delay = retryAfter ?? PollDelay(options, poll);
                Log.JobPending(_logger, jobId, job.Status.Value, delay);
            }
            catch (Exception exception) when (IsTransientPollFailure(exception, cancellationToken))
            {
                delay = (exception as ConversionApiException)?.RetryAfter ?? PollDelay(options, poll);
                Log.PollFailed(_logger, jobId, exception.GetType().Name, delay, exception);
            }

            await Task.Delay(delay, _timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan PollDelay(JobWaitOptions options, int poll) =>
        RetryBackoff.Compute(options.InitialPollInterval, options.MaxPollInterval, poll);

    private static bool IsTransientPollFailure(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception switch
        {
            ConversionApiException api => api.IsTransient,
            ConversionTimeoutException timeout => timeout.Kind != ConversionTimeoutKind.Wait,
            HttpRequestException => true,
            _ => false,
        };

    private static void ValidateWaitOptions(JobWaitOptions options)
    {
        if ((options.Timeout <= TimeSpan.Zero || options.Timeout > MaxWaitTimeout)
            && options.Timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.Timeout,
                $"JobWaitOptions.Timeout {options.Timeout} must be positive and at most {MaxWaitTimeout}, " +
                "or Timeout.InfiniteTimeSpan to wait until cancelled.");
        }

        if (options.InitialPollInterval < TimeSpan.Zero || options.InitialPollInterval > MaxPollInterval)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.InitialPollInterval,
                $"JobWaitOptions.InitialPollInterval {options.InitialPollInterval} must be zero or positive " +
                $"and at most {MaxPollInterval}, such as 00:00:01.");
        }

        if (options.MaxPollInterval < options.InitialPollInterval || options.MaxPollInterval > MaxPollInterval)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.MaxPollInterval,
                $"JobWaitOptions.MaxPollInterval {options.MaxPollInterval} must be at least InitialPollInterval " +
                $"{options.InitialPollInterval} and at most {MaxPollInterval}, such as 00:00:30.");
        }
    }
}
