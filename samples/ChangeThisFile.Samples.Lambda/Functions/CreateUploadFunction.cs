using System.Text.Json;
using ChangeThisFile.Client.Flow;
using ChangeThisFile.Samples.Lambda.Events;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Samples.Lambda.Functions;

/// <summary>
/// Step 1 behind <c>POST /conversions</c>: reads <c>{"file_name","target","content_type"?,"size"?}</c>
/// and responds 201 with the file id and the presigned upload request.
/// </summary>
public sealed class CreateUploadFunction(IConversionFlow flow, ILogger<CreateUploadFunction> logger)
    : ProxyFunction(logger)
{
    private const string ExpectedBody = "Send {\"file_name\": \"report.csv\", \"target\": \"json\"}, " +
        "optionally with \"content_type\" and \"size\".";

    /// <inheritdoc />
    protected override async Task<ProxyResult> HandleAsync(ProxyRequest request, CancellationToken cancellationToken)
    {
        if (request.Method != "POST")
        {
            return MethodNotAllowed(request, "POST");
        }

        if (!request.TryGetBody(out var body, out var bodyError))
        {
            return Error(400, "invalid_request", bodyError!);
        }

        CreateUploadBody? input;
        try
        {
            input = JsonSerializer.Deserialize(body, LambdaJsonContext.Default.CreateUploadBody);
        }
        catch (JsonException exception)
        {
            return Error(400, "invalid_request",
                $"The body is not valid JSON for this request (line {exception.LineNumber + 1}, byte " +
                $"{exception.BytePositionInLine + 1}). {ExpectedBody}");
        }

        if (string.IsNullOrWhiteSpace(input?.FileName) || string.IsNullOrWhiteSpace(input.Target))
        {
            return Error(400, "invalid_request", $"The fields file_name and target are required. {ExpectedBody}");
        }

        try
        {
            var upload = await flow.CreateUploadAsync(
                new CreateUploadRequest(input.FileName, input.Target)
                {
                    ContentType = input.ContentType,
                    Size = input.Size,
                },
                cancellationToken).ConfigureAwait(false);
            return Json(201, upload, LambdaJsonContext.Default.CreateUploadResult);
        }
        catch (ConversionFlowValidationException exception)
        {
            return Error(400, "invalid_request", exception.Reason);
        }
    }
}
