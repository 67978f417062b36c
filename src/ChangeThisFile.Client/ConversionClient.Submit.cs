using System.Globalization;
using System.Text.Json;
using ChangeThisFile.Client.Diagnostics;
using ChangeThisFile.Client.Http;
using ChangeThisFile.Client.Serialization;

namespace ChangeThisFile.Client;

public sealed partial class ConversionClient
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <inheritdoc />
    public Task<ConversionResult> ConvertAsync(ConvertRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestValidation.Format(request.Target, "target", required: true);
        RequestValidation.Format(request.Source, "source", required: false);
        RequestValidation.Quality(request.Quality);
        RequestValidation.Unsent(request.Content);
        var key = RequestValidation.IdempotencyKey(request.IdempotencyKey);
        var fields = FormFields(null, request.Target, request.Source, request.Quality, null, null);
        return RunAsync(
            "Convert", null, (_, token) => ConvertCoreAsync(request, fields, key, token), cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobHandle> SubmitJobAsync(JobUploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestValidation.Format(request.Target, "target", required: true);
        RequestValidation.Format(request.Source, "source", required: false);
        RequestValidation.Quality(request.Quality);
        RequestValidation.HttpUrl(request.WebhookUrl, "webhookUrl", required: false);
        RequestValidation.Unsent(request.Content);
        var key = RequestValidation.IdempotencyKey(request.IdempotencyKey);
        var fields = FormFields(
            null, request.Target, request.Source, request.Quality, request.WebhookUrl, request.WebhookMetadata);
        return RunAsync(
            "SubmitJob",
            null,
            (activity, token) => SubmitCoreAsync(fields, request.Content, request.UploadProgress, key, activity, token),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<JobHandle> SubmitJobFromUrlAsync(JobUrlRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        RequestValidation.HttpUrl(request.FileUrl, "fileUrl", required: true);
        RequestValidation.Format(request.Target, "target", required: true);
        RequestValidation.Format(request.Source, "source", required: false);
        RequestValidation.Quality(request.Quality);
        RequestValidation.HttpUrl(request.WebhookUrl, "webhookUrl", required: false);
        var key = RequestValidation.IdempotencyKey(request.IdempotencyKey);
        var fields = FormFields(
            request.FileUrl,
            request.Target,
            request.Source,
            request.Quality,
            request.WebhookUrl,
            request.WebhookMetadata);
        return RunAsync(
            "SubmitJobFromUrl",
            null,
            (activity, token) => SubmitCoreAsync(fields, null, null, key, activity, token),
            cancellationToken);
    }

    private async Task<ConversionResult> ConvertCoreAsync(
        ConvertRequest request,
        List<KeyValuePair<string, string>> fields,
        string key,
        CancellationToken cancellationToken)
    {
        var content = CreateUploadContent(fields, request.Content, request.UploadProgress, key, "Convert");
        using var message = CreateRequest(HttpMethod.Post, Route("v1/convert"), new ConversionRequestContext
        {
            Operation = "Convert",
            Kind = RequestKind.Upload,
            IsIdempotent = true,
            Body = content,
        });
        message.Content = content;
        message.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, key);

        var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        try
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var stream = new TimedResultStream(body, response, _options.DownloadTimeout, _timeProvider);
            return new ConversionResult(
                stream,
                ResponseHeaders.GetFileName(response.Content.Headers),
                response.Content.Headers.ContentType?.MediaType,
                response.Content.Headers.ContentLength,
                ResponseHeaders.GetConversionTime(response),
                ResponseHeaders.GetRateLimit(response, _timeProvider),
                ResponseHeaders.GetRequestId(response),
                response);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<JobHandle> SubmitCoreAsync(
        List<KeyValuePair<string, string>> fields,
        UploadContent? file,
        IProgress<TransferProgress>? progress,
        string key,
        System.Diagnostics.Activity? activity,
        CancellationToken cancellationToken)
    {
        var operation = file is null ? "SubmitJobFromUrl" : "SubmitJob";
        var content = CreateUploadContent(fields, file, progress, key, operation);
        using var message = CreateRequest(HttpMethod.Post, Route("v1/jobs"), new ConversionRequestContext
        {
            Operation = operation,
            Kind = file is null ? RequestKind.Control : RequestKind.Upload,
            IsIdempotent = true,
            BufferResponse = true,
            Body = content,
        });
        message.Content = content;
        message.Headers.TryAddWithoutValidation(IdempotencyKeyHeader, key);

        using var response = await SendAsync(message, cancellationToken).ConfigureAwait(false);
        var parsed = await ReadJsonAsync(response, ConversionClientJsonContext.Default.JobHandle, cancellationToken)
            .ConfigureAwait(false);
        activity.SetJobId(parsed.JobId);
        Log.JobSubmitted(_logger, parsed.JobId, parsed.Status.Value, key);
        return new JobHandle
        {
            JobId = parsed.JobId,
            Status = parsed.Status,
            StatusUrl = parsed.StatusUrl,
            AdditionalProperties = parsed.AdditionalProperties,
            IdempotencyKey = key,
            Location = response.Headers.Location,
            RateLimit = ResponseHeaders.GetRateLimit(response, _timeProvider),
        };
    }

    private MultipartUploadContent CreateUploadContent(
        List<KeyValuePair<string, string>> fields,
        UploadContent? file,
        IProgress<TransferProgress>? progress,
        string idempotencyKey,
        string operation)
    {
        var tags = ConversionClientMetrics.OperationTags(operation);
        return new MultipartUploadContent(fields, file, progress, idempotencyKey, _options.ApiKey)
        {
            BytesWritten = bytes => _metrics.BytesSent.Add(bytes, tags),
        };
    }

    /// <summary>Returns the text parts of a submission in the order they are sent, before any file part.</summary>
    private static List<KeyValuePair<string, string>> FormFields(
        Uri? fileUrl,
        string target,
        string? source,
        int? quality,
        Uri? webhookUrl,
        IReadOnlyDictionary<string, string>? webhookMetadata)
    {
        var fields = new List<KeyValuePair<string, string>>(6);
        if (fileUrl is not null)
        {
            fields.Add(new("file_url", fileUrl.AbsoluteUri));
        }

        fields.Add(new("target", target));
        if (source is not null)
        {
            fields.Add(new("source", source));
        }

        if (quality is { } value)
        {
            fields.Add(new("quality", value.ToString(CultureInfo.InvariantCulture)));
        }

        if (webhookUrl is not null)
        {
            fields.Add(new("webhook_url", webhookUrl.AbsoluteUri));
        }

        if (webhookMetadata is not null)
        {
            var json = JsonSerializer.Serialize(
                webhookMetadata, ConversionClientJsonContext.Default.IReadOnlyDictionaryStringString);
            fields.Add(new("webhook_metadata", json));
        }

        return fields;
    }
}
