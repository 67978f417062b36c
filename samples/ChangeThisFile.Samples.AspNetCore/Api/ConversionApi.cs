using ChangeThisFile.Client.Flow;
using ChangeThisFile.Samples.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Samples.AspNetCore.Api;

/// <summary>
/// The HTTP routes of the four steps. Each handler calls one method of <see cref="IConversionFlow"/>
/// and turns its result into a status code. The upload itself goes to the presigned URL, and the
/// webhook to <c>MapConversionWebhooks</c>.
/// </summary>
internal static class ConversionApi
{
    /// <summary>Maps <c>/api/formats</c>, <c>/api/uploads</c> and <c>/api/conversions/...</c>.</summary>
    public static void MapConversionApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter<ApiErrorFilter>();
        api.MapGet("/formats", GetFormats);
        api.MapPost("/uploads", CreateUploadAsync);
        api.MapPost("/conversions/{fileId}/submit", SubmitAsync);
        api.MapGet("/conversions/{fileId}", GetStatusAsync);
    }

    private static FormatsResponse GetFormats(IOptions<ConversionFlowOptions> options) =>
        new([.. options.Value.AllowedTargets], options.Value.MaxUploadSizeBytes);

    /// <summary>Step 1: returns a file id and a presigned upload request, or 400 naming the invalid field.</summary>
    private static async Task<IResult> CreateUploadAsync(
        CreateUploadBody body, IConversionFlow flow, HttpContext context, CancellationToken cancellationToken)
    {
        var request = new CreateUploadRequest(body.FileName ?? string.Empty, body.Target ?? string.Empty)
        {
            ContentType = body.ContentType,
            Size = body.Size,
        };
        var upload = await flow.CreateUploadAsync(request, cancellationToken);
        NoStore(context);
        return TypedResults.Created(SampleRoutes.Status(upload.FileId), upload);
    }

    /// <summary>Step 2: submits the uploaded file and returns a status code that follows the outcome.</summary>
    private static async Task<IResult> SubmitAsync(
        string fileId, IConversionFlow flow, CancellationToken cancellationToken)
    {
        var result = await flow.SubmitAsync(fileId, cancellationToken);
        var status = result.Outcome switch
        {
            SubmitOutcome.Submitted or SubmitOutcome.AlreadySubmitted or SubmitOutcome.Pending =>
                StatusCodes.Status202Accepted,
            SubmitOutcome.NotFound => StatusCodes.Status404NotFound,
            SubmitOutcome.NotUploaded => StatusCodes.Status409Conflict,
            SubmitOutcome.Rejected => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status400BadRequest,
        };
        return status == StatusCodes.Status202Accepted
            ? TypedResults.Accepted(SampleRoutes.Status(fileId), result)
            : TypedResults.Json(result, statusCode: status);
    }

    /// <summary>Step 4: returns processing, done with a download URL, failed with the error, or 404.</summary>
    private static async Task<IResult> GetStatusAsync(
        string fileId, IConversionFlow flow, HttpContext context, CancellationToken cancellationToken)
    {
        var status = await flow.GetStatusAsync(fileId, cancellationToken);
        NoStore(context);
        return status.State == ConversionState.NotFound
            ? TypedResults.NotFound(status)
            : TypedResults.Ok(status);
    }

    /// <summary>Keeps presigned URLs out of shared caches.</summary>
    private static void NoStore(HttpContext context) => context.Response.Headers.CacheControl = "no-store";
}
