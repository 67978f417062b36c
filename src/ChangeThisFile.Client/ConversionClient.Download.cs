using System.Net;
using ChangeThisFile.Client.Diagnostics;
using ChangeThisFile.Client.Http;

namespace ChangeThisFile.Client;

public sealed partial class ConversionClient
{
    private const int DownloadBufferSize = 81920;
    private const int MaxRedirects = 5;

    /// <inheritdoc />
    public Task<DownloadResult> DownloadAsync(
        Uri url, Stream destination, DownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
        {
            throw new ArgumentException(
                "The destination stream is not writable; pass a stream opened for writing.", nameof(destination));
        }

        return RunAsync(
            "Download", null, (_, token) => DownloadCoreAsync(url, destination, options, token), cancellationToken);
    }

    /// <inheritdoc />
    public Task<DownloadResult> DownloadToFileAsync(
        Uri url, string path, DownloadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var target = Path.GetFullPath(path);
        return RunAsync(
            "DownloadToFile",
            null,
            (_, token) => DownloadFileCoreAsync(url, target, options, token),
            cancellationToken);
    }

    private async Task<DownloadResult> DownloadFileCoreAsync(
        Uri url, string target, DownloadOptions? options, CancellationToken cancellationToken)
    {
        var overwrite = options?.Overwrite ?? false;
        if (!overwrite && File.Exists(target))
        {
            throw new IOException($"The file '{target}' already exists; set DownloadOptions.Overwrite to replace it.");
        }

        // The partial file sits beside the target so the final move is a rename on the same volume.
        var partial = Path.Combine(Path.GetDirectoryName(target)!, $".ctf-{Guid.NewGuid():N}.partial");
        try
        {
            DownloadResult result;
            var file = new FileStream(
                partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous);
            await using (file.ConfigureAwait(false))
            {
                result = await DownloadCoreAsync(url, file, options, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(partial, target, overwrite);
            return result;
        }
        catch
        {
            TryDelete(partial);
            throw;
        }
    }

    private async Task<DownloadResult> DownloadCoreAsync(
        Uri url, Stream destination, DownloadOptions? options, CancellationToken cancellationToken)
    {
        await _urlGuard.EnsureAllowedAsync(url, _options, cancellationToken).ConfigureAwait(false);
        return await TimeoutScope.RunAsync(
            token => TransferAsync(url, destination, options?.Progress, token),
            _options.DownloadTimeout,
            ConversionTimeoutKind.Download,
            _timeProvider,
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<DownloadResult> TransferAsync(
        Uri url, Stream destination, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        using var response = await SendFollowingRedirectsAsync(url, cancellationToken).ConfigureAwait(false);
        var redactedUrl = UrlRedaction.Redact(response.RequestMessage?.RequestUri ?? url);
        var expected = response.Content.Headers.ContentLength;
        var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        long received;
        await using (source.ConfigureAwait(false))
        {
            received = await CopyAsync(source, destination, expected, progress, redactedUrl, cancellationToken)
                .ConfigureAwait(false);
        }

        if (expected is { } length && received != length)
        {
            throw new IncompleteDownloadException(redactedUrl, length, received);
        }

        Log.Downloaded(_logger, received, redactedUrl);
        var headers = response.Content.Headers;
        return new DownloadResult(received, headers.ContentType?.MediaType, ResponseHeaders.GetFileName(headers));
    }

    /// <summary>
    /// Sends the GET and follows up to <see cref="MaxRedirects"/> redirects itself, checking every
    /// new location with the download URL guard; the primary handler does not follow redirects.
    /// </summary>
    private async Task<HttpResponseMessage> SendFollowingRedirectsAsync(Uri url, CancellationToken cancellationToken)
    {
        var current = url;
        for (var hop = 0; ; hop++)
        {
            using var request = CreateRequest(HttpMethod.Get, current, new ConversionRequestContext
            {
                Operation = "Download",
                Kind = RequestKind.Download,
                IsIdempotent = true,

                // Result URLs are signed and need no API key. Sending none, even to the API's own
                // origin, keeps a forged result URL such as /v1/usage from reading account data.
                Anonymous = true,
            });
            var response = await _httpClient
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            if (!IsRedirect(response.StatusCode)
                || response.Headers.Location is not { } location
                || hop >= MaxRedirects)
            {
                if (response.IsSuccessStatusCode)
                {
                    return response;
                }

                using (response)
                {
                    throw await CreateApiExceptionAsync(response, cancellationToken).ConfigureAwait(false);
                }
            }

            response.Dispose();
            current = location.IsAbsoluteUri ? location : new Uri(current, location);
            await _urlGuard.EnsureAllowedAsync(current, _options, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<long> CopyAsync(
        Stream source,
        Stream destination,
        long? expected,
        IProgress<TransferProgress>? progress,
        string redactedUrl,
        CancellationToken cancellationToken)
    {
        var sink = new DownloadSink(destination, expected, progress);
        try
        {
            progress?.Report(new TransferProgress(0, expected));
            await source.CopyToAsync(sink, DownloadBufferSize, cancellationToken).ConfigureAwait(false);
            return sink.Received;
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException && !sink.DestinationFailed)
        {
            throw new IncompleteDownloadException(redactedUrl, expected, sink.Received, exception);
        }
        finally
        {
            _metrics.BytesReceived.Add(sink.Received, ConversionClientMetrics.OperationTags("Download"));
        }
    }

    private static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently
            or HttpStatusCode.Found
            or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect
            or HttpStatusCode.PermanentRedirect;

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Log.PartialFileNotDeleted(_logger, path, exception);
        }
    }
}
