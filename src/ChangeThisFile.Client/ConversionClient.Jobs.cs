using System.Globalization;
using System.Runtime.CompilerServices;
using ChangeThisFile.Client.Diagnostics;
using ChangeThisFile.Client.Http;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client;

public sealed partial class ConversionClient
{
    /// <inheritdoc />
    public Task<ConversionJob> GetJobAsync(string jobId, CancellationToken cancellationToken = default)
    {
        RequestValidation.JobId(jobId);
        return RunAsync(
            "GetJob",
            jobId,
            async (activity, token) =>
            {
                var (job, _) = await GetJobCoreAsync(jobId, readRetryAfter: false, token).ConfigureAwait(false);
                activity?.SetTag(ConversionClientDiagnostics.JobStatusTagName, Outcome.StatusTag(job.Status));
                return job;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public IAsyncEnumerable<ConversionJob> ListJobsAsync(
        JobListOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (options?.PageSize is < JobListOptions.MinPageSize or > JobListOptions.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), options.PageSize,
                $"The page size {options.PageSize} is out of range; use {JobListOptions.MinPageSize} to " +
                $"{JobListOptions.MaxPageSize}, or null for the API's default.");
        }

        return ListJobsCoreAsync(options, cancellationToken);
    }

    /// <summary>Gets a job, and on request the <c>Retry-After</c> of the response, which paces polling.</summary>
    private async Task<(ConversionJob Job, TimeSpan? RetryAfter)> GetJobCoreAsync(
        string jobId, bool readRetryAfter, CancellationToken cancellationToken)
    {
        var url = Route("v1/jobs/" + Uri.EscapeDataString(jobId));
        using var request = CreateRequest(HttpMethod.Get, url, ControlContext("GetJob", idempotent: true));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var job = await ReadJsonAsync(response, ConversionClientJsonContext.Default.ConversionJob, cancellationToken)
            .ConfigureAwait(false);
        return (job, readRetryAfter ? ResponseHeaders.GetRetryAfter(response, _timeProvider) : null);
    }

    private async IAsyncEnumerable<ConversionJob> ListJobsCoreAsync(
        JobListOptions? options, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? next = FirstJobListPage(options);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (next is not null)
        {
            if (!visited.Add(next.AbsoluteUri))
            {
                Log.JobListLoop(_logger, UrlRedaction.Redact(next));
                yield break;
            }

            var pageUrl = next;
            var page = await RunAsync(
                    "ListJobs",
                    null,
                    (_, token) => GetJobListPageAsync(pageUrl, options?.PageSize, token),
                    cancellationToken)
                .ConfigureAwait(false);
            foreach (var job in page.Jobs)
            {
                yield return job;
            }

            next = page.Next;
        }
    }

    private Uri FirstJobListPage(JobListOptions? options)
    {
        var query = new List<string>(2);
        if (options?.PageSize is { } size)
        {
            query.Add("limit=" + size.ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(options?.Cursor))
        {
            query.Add("cursor=" + Uri.EscapeDataString(options.Cursor));
        }

        return Route(query.Count == 0 ? "v1/jobs" : "v1/jobs?" + string.Join('&', query));
    }

    private async Task<JobListPage> GetJobListPageAsync(Uri url, int? pageSize, CancellationToken cancellationToken)
    {
        using var request = CreateRequest(HttpMethod.Get, url, ControlContext("ListJobs", idempotent: true));
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return JobListPage.Parse(body, response, Route("v1/jobs"), pageSize);
    }
}
