using System.Text.Json;
using ChangeThisFile.Client.Flow;
using ChangeThisFile.Samples.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Samples.Functions.Functions;

/// <summary>
/// Steps 1 and 4 over HTTP: <c>POST /api/conversions</c> returns a file id and a SAS upload
/// URL, <c>GET /api/conversions/{fileId}</c> the status and, when done, a SAS download URL.
/// </summary>
public sealed partial class ConversionFunctions(IConversionFlow flow, ILogger<ConversionFunctions> logger)
{
    /// <summary>The largest request body read, in bytes: 16 KiB, plenty for the JSON it carries.</summary>
    public const int MaxRequestBodyBytes = 16 * 1024;

    private const string ExpectedBody = "Send {\"file_name\": \"report.csv\", \"target\": \"json\"}, " +
        "optionally with \"content_type\" and \"size\".";

    /// <summary>Step 1: creates a file id, a record awaiting the upload, and a SAS URL to upload to.</summary>
    /// <param name="request">The request with <c>{"file_name","target","content_type"?,"size"?}</c>.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>201 with the upload, 400 for an invalid request, 500 when storage failed.</returns>
    [Function(nameof(CreateUpload))]
    public async Task<IActionResult> CreateUpload(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "conversions")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await ReadBodyAsync(request, cancellationToken).ConfigureAwait(false);
        if (body.Error is { } error)
        {
            return error;
        }

        try
        {
            var upload = await flow.CreateUploadAsync(
                new CreateUploadRequest(body.Value!.FileName!, body.Value.Target!)
                {
                    ContentType = body.Value.ContentType,
                    Size = body.Value.Size,
                },
                cancellationToken).ConfigureAwait(false);
            return JsonResults.Json(
                StatusCodes.Status201Created, upload, FunctionsJsonContext.Default.CreateUploadResult);
        }
        catch (ConversionFlowValidationException exception)
        {
            return JsonResults.Error(StatusCodes.Status400BadRequest, "invalid_request", exception.Reason);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.StepFailed(logger, exception, nameof(CreateUpload));
            return Unavailable();
        }
    }

    /// <summary>Step 4: reports the status of a file.</summary>
    /// <param name="request">The request.</param>
    /// <param name="fileId">The file id from the route.</param>
    /// <param name="cancellationToken">Cancels the step.</param>
    /// <returns>200 with the status, 404 for an unknown or invalid file id, 500 when storage failed.</returns>
    [Function(nameof(GetStatus))]
    public async Task<IActionResult> GetStatus(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "conversions/{fileId}")] HttpRequest request,
        string fileId,
        CancellationToken cancellationToken)
    {
        try
        {
            var status = await flow.GetStatusAsync(fileId, cancellationToken).ConfigureAwait(false);
            var statusCode = status.State == ConversionState.NotFound
                ? StatusCodes.Status404NotFound
                : StatusCodes.Status200OK;
            return JsonResults.Json(statusCode, status, ConversionFlowJsonContext.Default.ConversionStatus);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            Log.StepFailed(logger, exception, nameof(GetStatus));
            return Unavailable();
        }
    }

    private static async Task<(CreateUploadBody? Value, IActionResult? Error)> ReadBodyAsync(
        HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxRequestBodyBytes)
        {
            return (null, JsonResults.Error(StatusCodes.Status413PayloadTooLarge, "body_too_large",
                $"The body is larger than {MaxRequestBodyBytes} bytes."));
        }

        var bytes = await RequestBodies.ReadAsync(request.Body, MaxRequestBodyBytes, cancellationToken)
            .ConfigureAwait(false);
        if (bytes is null)
        {
            return (null, JsonResults.Error(StatusCodes.Status413PayloadTooLarge, "body_too_large",
                $"The body is larger than {MaxRequestBodyBytes} bytes."));
        }

        CreateUploadBody? body;
        try
        {
            body = JsonSerializer.Deserialize(bytes, FunctionsJsonContext.Default.CreateUploadBody);
        }
        catch (JsonException exception)
        {
            return (null, JsonResults.Error(StatusCodes.Status400BadRequest, "invalid_request",
                $"The body is not valid JSON for this request (line {exception.LineNumber + 1}, byte " +
                $"{exception.BytePositionInLine + 1}). {ExpectedBody}"));
        }

        return string.IsNullOrWhiteSpace(body?.FileName) || string.IsNullOrWhiteSpace(body.Target)
            ? (null, JsonResults.Error(StatusCodes.Status400BadRequest, "invalid_request",
                $"The fields file_name and target are required. {ExpectedBody}"))
            : (body, null);
    }

    private static IActionResult Unavailable() => JsonResults.Error(
        StatusCodes.Status500InternalServerError,
        "internal_error",
        "Storage or the conversion API failed while handling the request. Retry it; the failure is logged.");

    private static partial class Log
    {
        [LoggerMessage(EventId = 310, Level = LogLevel.Error, Message = "{Function} failed and returned 500")]
        public static partial void StepFailed(ILogger logger, Exception exception, string function);
    }
}
