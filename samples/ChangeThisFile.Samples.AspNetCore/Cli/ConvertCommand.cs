using System.Globalization;
using ChangeThisFile.Client;
using ChangeThisFile.Client.Flow;
using ChangeThisFile.Samples.AspNetCore.Api;
using ChangeThisFile.Samples.AspNetCore.Hosting;
using ChangeThisFile.Samples.AspNetCore.Webhooks;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Samples.AspNetCore.Cli;

/// <summary>
/// Converts one file end to end: starts the sample on 127.0.0.1, walks the four steps over HTTP
/// as a client would, waits for the verified webhook, and writes the result. Progress goes to
/// standard output, failures to standard error.
/// </summary>
internal sealed class ConvertCommand(ConvertArguments arguments, TextWriter output, TextWriter error)
{
    private static readonly TimeSpan StatusPollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Runs the command and returns the process exit code.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var input = Path.GetFullPath(arguments.InputPath);
        var outputPath = Path.GetFullPath(arguments.OutputPath ?? DefaultOutputPath(input, arguments.Target));
        if (CheckPaths(input, outputPath) is { } problem)
        {
            await error.WriteLineAsync(problem);
            return ExitCodes.Usage;
        }

        SampleHost host;
        try
        {
            host = await SampleHost.StartAsync(HostOptions(), cancellationToken);
        }
        catch (Exception exception) when (StartupFailure.Describe(exception) is { } reason)
        {
            await error.WriteLineAsync($"The sample could not start: {reason} {StartupFailure.SettingsHint}");
            return ExitCodes.Failed;
        }

        await using (host)
        {
            try
            {
                await ConvertAsync(host, input, outputPath, cancellationToken);
                return ExitCodes.Success;
            }
            catch (ConversionStepException exception)
            {
                await error.WriteLineAsync("Conversion failed: " + exception.Message);
                return ExitCodes.Failed;
            }
        }
    }

    private SampleHostOptions HostOptions() => new()
    {
        Args = [.. arguments.ConfigurationArgs, $"--urls=http://127.0.0.1:{arguments.Port ?? 0}"],
        Quiet = true,
    };

    private async Task ConvertAsync(
        SampleHost host, string input, string outputPath, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = host.Address.LocalBaseUrl, Timeout = arguments.Timeout };
        var api = new SampleApiClient(http);
        var size = new FileInfo(input).Length;
        await output.WriteLineAsync($"Converting {arguments.InputPath} ({Bytes(size)}) to {arguments.Target}");
        await output.WriteLineAsync($"Sample app   {host.Address.LocalBaseUrl} ({DescribeBackends(host)})");

        var upload = await UploadAsync(api, input, size, cancellationToken);

        // Wait from before the submit: the webhook of a fast conversion can beat the submit's response.
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(arguments.Timeout);
        var receipts = host.App.Services.GetRequiredService<WebhookReceipts>();
        var webhook = receipts.WaitForFileAsync(upload.FileId, deadline.Token);

        var submitted = await api.SubmitAsync(upload.FileId, cancellationToken);
        await output.WriteLineAsync($"2/4 submit   job id {submitted.JobId ?? "not known yet"}; " +
            $"outcome {Snake(submitted.Outcome.ToString())}, status {submitted.Status?.Value}");

        var receipt = await WithDeadlineAsync(webhook, host, cancellationToken);
        await output.WriteLineAsync($"3/4 webhook  {receipt.EventType} for job {receipt.JobId} received, " +
            $"signature verified, acknowledged with HTTP {receipt.StatusCode}");

        var status = await WaitForEndAsync(api, upload.FileId, host, deadline.Token, cancellationToken);
        if (status.State == ConversionState.Failed)
        {
            await output.WriteLineAsync($"4/4 status   failed: {status.Error?.Code.Value}");
            throw new ConversionStepException(
                $"The API could not convert the file: {status.Error?.Code.Value}: {status.Error?.Message}");
        }

        await output.WriteLineAsync($"4/4 status   done; result {status.FileName}, {Bytes(status.Size ?? 0)}");
        var written = await DownloadAsync(api, status.DownloadUrl!, outputPath, cancellationToken);
        await output.WriteLineAsync($"Wrote {outputPath} ({Bytes(written)})");
    }

    /// <summary>Step 1: creates the upload, then sends the file to the presigned URL.</summary>
    private async Task<CreateUploadResult> UploadAsync(
        SampleApiClient api, string input, long size, CancellationToken cancellationToken)
    {
        var body = new CreateUploadBody(Path.GetFileName(input), arguments.Target, ContentTypeOf(input), size);
        var upload = await api.CreateUploadAsync(body, cancellationToken);
        System.Net.HttpStatusCode uploaded;
        await using (var file = File.OpenRead(input))
        {
            uploaded = await api.UploadAsync(upload, file, cancellationToken);
        }

        await output.WriteLineAsync($"1/4 upload   file id {upload.FileId}; {Bytes(size)} sent with {upload.Method} " +
            $"to the presigned URL, HTTP {(int)uploaded}");
        return upload;
    }

    private async Task<WebhookReceipt> WithDeadlineAsync(
        Task<WebhookReceipt> webhook, SampleHost host, CancellationToken cancellationToken)
    {
        try
        {
            return await webhook;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ConversionStepException(
                $"No webhook arrived within {arguments.Timeout.TotalSeconds:0} seconds. The API sends it to " +
                $"{WebhookUrl(host)}, and that URL must reach this process. For slow conversions, raise --timeout.");
        }
    }

    /// <summary>Polls the status until it is done or failed. The webhook has normally settled it already.</summary>
    private async Task<ConversionStatus> WaitForEndAsync(
        SampleApiClient api,
        string fileId,
        SampleHost host,
        CancellationToken deadline,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await api.GetStatusAsync(fileId, cancellationToken);
            if (status.State is ConversionState.Done or ConversionState.Failed)
            {
                return status;
            }

            try
            {
                await Task.Delay(StatusPollInterval, deadline);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ConversionStepException(
                    $"The status was still {Snake(status.State.ToString())} after {arguments.Timeout.TotalSeconds:0} " +
                    $"seconds, although a webhook for job {status.JobId} reached {WebhookUrl(host)}.");
            }
        }
    }

    /// <summary>Downloads into a temporary file next to the output, then moves it into place.</summary>
    private static async Task<long> DownloadAsync(
        SampleApiClient api, Uri url, string outputPath, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(outputPath)!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(outputPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            long written;
            await using (var file = File.Create(temporary))
            {
                written = await api.DownloadAsync(url, file, cancellationToken);
            }

            File.Move(temporary, outputPath, overwrite: true);
            return written;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private string? CheckPaths(string input, string outputPath)
    {
        if (Directory.Exists(input))
        {
            var firstFile = Directory.EnumerateFiles(input, "*", new EnumerationOptions())
                .Order(StringComparer.Ordinal).FirstOrDefault();
            var example = Path.Combine(arguments.InputPath, Path.GetFileName(firstFile) ?? "<file>");
            return $"The input path '{arguments.InputPath}' is a folder, not a file. Give the path of the file " +
                $"to convert, such as {example}.";
        }

        if (!File.Exists(input))
        {
            return $"The input file '{arguments.InputPath}' does not exist (full path: {input}). Check the path. " +
                $"A relative path starts from the current folder, {Environment.CurrentDirectory}.";
        }

        if (Directory.Exists(outputPath))
        {
            var example = Path.Combine(outputPath, Path.GetFileName(DefaultOutputPath(input, arguments.Target)));
            return $"The output path '{outputPath}' is a folder, not a file. " +
                $"Give a file path, such as --out {example}.";
        }

        if (string.Equals(input, outputPath, StringComparison.Ordinal))
        {
            return $"The output path is the input file '{arguments.InputPath}'. Choose another with --out <path>.";
        }

        var folder = Path.GetDirectoryName(outputPath);
        return Directory.Exists(folder) ? null
            : $"The folder of the output path '{outputPath}' does not exist. Create it or choose another with --out.";
    }

    /// <summary>Returns the input path with the target as its extension, keeping its letters and digits only.</summary>
    private static string DefaultOutputPath(string input, string target)
    {
        var extension = new string([.. target.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit)]);
        return Path.ChangeExtension(input, extension.Length == 0 ? "converted" : extension);
    }

    private static string ContentTypeOf(string path) =>
        new FileExtensionContentTypeProvider().TryGetContentType(path, out var type)
            ? type
            : "application/octet-stream";

    private static string DescribeBackends(SampleHost host)
    {
        var client = host.App.Services.GetRequiredService<IOptionsMonitor<ConversionClientOptions>>();
        var api = host.Emulator is { } emulator
            ? $"embedded emulator at {emulator.BaseAddress}"
            : $"API at {client.Get(string.Empty).BaseAddress}";
        return $"{api}; storage: {host.StorageProvider}";
    }

    private static Uri? WebhookUrl(SampleHost host) =>
        host.App.Services.GetRequiredService<IOptions<ConversionFlowOptions>>().Value.WebhookUrl;

    private static string Bytes(long count) => string.Create(CultureInfo.InvariantCulture, $"{count:N0} bytes");

    private static string Snake(string name) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
}
