namespace ChangeThisFile.Client;

/// <summary>Shorthands over <see cref="IConversionClient"/> for the common cases.</summary>
public static class ConversionClientExtensions
{
    /// <summary>Converts a stream synchronously; see <see cref="IConversionClient.ConvertAsync"/>.</summary>
    /// <param name="client">The client.</param>
    /// <param name="content">The input, read from its current position; a seekable stream can be retried.</param>
    /// <param name="fileName">The file name; the API detects the source format from its extension.</param>
    /// <param name="target">The target format, such as <c>webp</c>.</param>
    /// <param name="cancellationToken">Cancels the conversion.</param>
    /// <returns>The converted file; dispose it after reading.</returns>
    public static Task<ConversionResult> ConvertAsync(
        this IConversionClient client,
        Stream content,
        string fileName,
        string target,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = new ConvertRequest(UploadContent.FromStream(content, fileName), target);
        return client.ConvertAsync(request, cancellationToken);
    }

    /// <summary>
    /// Submits a job with the file uploaded from a stream; see <see cref="IConversionClient.SubmitJobAsync"/>.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="content">The input, read from its current position; a seekable stream can be retried.</param>
    /// <param name="fileName">The file name; the API detects the source format from its extension.</param>
    /// <param name="target">The target format, such as <c>webp</c>.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>The new job.</returns>
    public static Task<JobHandle> SubmitJobAsync(
        this IConversionClient client,
        Stream content,
        string fileName,
        string target,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = new JobUploadRequest(UploadContent.FromStream(content, fileName), target);
        return client.SubmitJobAsync(request, cancellationToken);
    }

    /// <summary>
    /// Submits a job with the file uploaded from a source the client can reopen for each attempt,
    /// so that a failed upload is retried whatever kind of stream the factory returns.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="openContent">
    /// Opens a new stream at the start of the file; each stream is disposed after its attempt.
    /// </param>
    /// <param name="fileName">The file name; the API detects the source format from its extension.</param>
    /// <param name="target">The target format, such as <c>webp</c>.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>The new job.</returns>
    public static Task<JobHandle> SubmitJobAsync(
        this IConversionClient client,
        Func<CancellationToken, ValueTask<Stream>> openContent,
        string fileName,
        string target,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = new JobUploadRequest(UploadContent.FromFactory(openContent, fileName), target);
        return client.SubmitJobAsync(request, cancellationToken);
    }

    /// <summary>
    /// Submits a job that the API fetches from a URL; see <see cref="IConversionClient.SubmitJobFromUrlAsync"/>.
    /// </summary>
    /// <param name="client">The client.</param>
    /// <param name="fileUrl">The absolute URL of the input file.</param>
    /// <param name="target">The target format, such as <c>webp</c>.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>The new job.</returns>
    public static Task<JobHandle> SubmitJobFromUrlAsync(
        this IConversionClient client, Uri fileUrl, string target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.SubmitJobFromUrlAsync(new JobUrlRequest(fileUrl, target), cancellationToken);
    }

    /// <summary>Downloads the result of a completed job into a stream.</summary>
    /// <param name="client">The client.</param>
    /// <param name="job">A job in the <c>completed</c> status with a result URL.</param>
    /// <param name="destination">A writable stream; the caller keeps ownership.</param>
    /// <param name="options">Progress reporting.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>What the download wrote.</returns>
    /// <exception cref="InvalidOperationException">The job is not completed or has no valid result URL.</exception>
    public static Task<DownloadResult> DownloadResultAsync(
        this IConversionClient client,
        ConversionJob job,
        Stream destination,
        DownloadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.DownloadAsync(ResultUrl(job), destination, options, cancellationToken);
    }

    /// <summary>Downloads the result of a completed job into a file, moved into place only when complete.</summary>
    /// <param name="client">The client.</param>
    /// <param name="job">A job in the <c>completed</c> status with a result URL.</param>
    /// <param name="path">The target file path.</param>
    /// <param name="options">Progress reporting and whether to replace an existing file.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <returns>What the download wrote.</returns>
    /// <exception cref="InvalidOperationException">The job is not completed or has no valid result URL.</exception>
    public static Task<DownloadResult> DownloadResultToFileAsync(
        this IConversionClient client,
        ConversionJob job,
        string path,
        DownloadOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.DownloadToFileAsync(ResultUrl(job), path, options, cancellationToken);
    }

    private static Uri ResultUrl(ConversionJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Status != JobStatus.Completed)
        {
            throw new InvalidOperationException(
                $"Job '{job.JobId}' is '{job.Status.Value}', not 'completed', so it has no result to download; " +
                "wait for it with WaitForCompletionAsync first.");
        }

        if (!Uri.TryCreate(job.Result?.FileUrl, UriKind.Absolute, out var url))
        {
            throw new InvalidOperationException(
                $"Job '{job.JobId}' is completed but has no valid result.file_url; get the job again for a fresh URL.");
        }

        return url;
    }
}
