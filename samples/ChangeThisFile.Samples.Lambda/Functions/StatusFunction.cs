using ChangeThisFile.Client.Flow;
using ChangeThisFile.Samples.Lambda.Events;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Samples.Lambda.Functions;

/// <summary>
/// Step 4 behind <c>GET /conversions/{fileId}</c>: responds 200 with the status (and, when done,
/// a presigned download URL of the bucket), or 404 for an unknown or invalid file id.
/// </summary>
public sealed class StatusFunction(IConversionFlow flow, ILogger<StatusFunction> logger) : ProxyFunction(logger)
{
    /// <summary>The route's path parameter that carries the file id.</summary>
    public const string FileIdParameter = "fileId";

    /// <inheritdoc />
    protected override async Task<ProxyResult> HandleAsync(ProxyRequest request, CancellationToken cancellationToken)
    {
        if (request.Method != "GET")
        {
            return MethodNotAllowed(request, "GET");
        }

        var fileId = request.PathParameter(FileIdParameter) ?? string.Empty;
        var status = await flow.GetStatusAsync(fileId, cancellationToken).ConfigureAwait(false);
        var statusCode = status.State == ConversionState.NotFound ? 404 : 200;
        return Json(statusCode, status, ConversionFlowJsonContext.Default.ConversionStatus);
    }
}
