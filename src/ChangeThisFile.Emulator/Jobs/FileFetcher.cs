using System.Globalization;
using System.Net.Http.Headers;
using ChangeThisFile.Emulator.Api;
using ChangeThisFile.Emulator.Http;

namespace ChangeThisFile.Emulator.Jobs;

/// <summary>
/// A <c>file_url</c> could not be fetched; the code is <c>fetch_failed</c> or
/// <c>file_too_large</c>.
/// </summary>
internal sealed class FetchFailedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The fetched input: its size and the file name the server gave, if any.</summary>
internal sealed record FetchedFile(long Size, string? FileName);

/// <summary>
/// Downloads a job's <c>file_url</c> to a file with a real-time timeout and the size cap.
/// Redirects are not followed, so every request goes only where the URL checks allowed.
/// </summary>
internal sealed class FileFetcher(HttpClient client, ConversionEmulatorOptions options)
{
    public async Task<FetchedFile> FetchAsync(Uri url, string path, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(options.FileFetchTimeout, TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var shownUrl = UrlRules.Redact(url);
        try
        {
            return await DownloadAsync(url, shownUrl, path, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
            when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Failed($"Fetching the file_url {shownUrl} timed out after {options.FileFetchTimeout}.");
        }
        catch (HttpRequestException ex)
        {
            throw Failed($"Fetching the file_url {shownUrl} failed: {Describe(ex.HttpRequestError)}.");
        }
        catch (SizeLimitExceededException)
        {
            throw new FetchFailedException(
                ErrorCodes.FileTooLarge,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The file at the file_url exceeds the maximum file size of {options.MaxFileSizeBytes} bytes."));
        }
    }

    private async Task<FetchedFile> DownloadAsync(
        Uri url, string shownUrl, string path, CancellationToken cancellationToken)
    {
        using var response = await client
            .GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            throw Failed(string.Create(
                CultureInfo.InvariantCulture, $"Fetching the file_url {shownUrl} returned HTTP {status}."));
        }

        if (response.Content.Headers.ContentLength > options.MaxFileSizeBytes)
        {
            throw new SizeLimitExceededException(options.MaxFileSizeBytes);
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            var size = await LimitedCopy
                .CopyToFileAsync(body, path, options.MaxFileSizeBytes, null, cancellationToken)
                .ConfigureAwait(false);
            return new FetchedFile(size, FileNameOf(response.Content.Headers.ContentDisposition));
        }
    }

    private static FetchFailedException Failed(string message) => new(ErrorCodes.FetchFailed, message);

    private static string? FileNameOf(ContentDispositionHeaderValue? disposition) =>
        (disposition?.FileNameStar ?? disposition?.FileName)?.Trim('"');

    private static string Describe(HttpRequestError error) => error switch
    {
        HttpRequestError.ConnectionError => "the connection was refused or reset",
        HttpRequestError.NameResolutionError => "the host name could not be resolved",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        HttpRequestError.ResponseEnded => "the server closed the connection before the response ended",
        _ => "the request failed (" + error + ")",
    };
}
