using ChangeThisFile.Client.Flow;
using ChangeThisFile.Samples.AspNetCore.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Samples.AspNetCore.Api;

/// <summary>
/// The HTTP routes of the four steps. Each handler calls one method of <see cref="IConversionFlow"/>
/// and turns its result into a status code. The upload itself goes to the presigned URL, and the
/// webhook to <c>MapConversionWebhooks</c>.
/// </summary>
internal static class ConversionApi
{
    private const string RouteList = "The routes are GET /api/formats, POST /api/uploads, " +
        "POST /api/conversions/{fileId}/submit and GET /api/conversions/{fileId}.";

    private const string CreateUploadExample =
        """{"file_name":"people.csv","target":"json","content_type":"text/csv","size":250}""";

    /// <summary>Maps <c>/api/formats</c>, <c>/api/uploads</c> and <c>/api/conversions/...</c>.</summary>
    public static void MapConversionApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api").AddEndpointFilter<ApiErrorFilter>();
        api.MapGet("/formats", GetFormats);
        api.MapPost("/uploads", CreateUploadAsync);
        api.MapPost("/conversions/{fileId}/submit", SubmitAsync);
        api.MapGet("/conversions/{fileId}", GetStatusAsync);
    }

    /// <summary>
    /// Gives the empty error responses of <c>/api</c> paths a problem body: 404 for a path that
    /// matches no route, 405 for a route called with the wrong method.
    /// </summary>
    public static void UseConversionApiProblems(this IApplicationBuilder app) =>
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase),
            branch => branch.UseStatusCodePages(WriteStatusProblemAsync));

    private static Task WriteStatusProblemAsync(StatusCodeContext status)
    {
        var request = status.HttpContext.Request;
        var statusCode = status.HttpContext.Response.StatusCode;
        var detail = statusCode switch
        {
            StatusCodes.Status404NotFound => $"No API route matches {request.Method} {request.Path}. {RouteList}",
            StatusCodes.Status405MethodNotAllowed =>
                $"The route {request.Path} does not accept {request.Method} requests. {RouteList}",
            _ => $"The request to {request.Method} {request.Path} failed with HTTP {statusCode}.",
        };
        return TypedResults.Problem(statusCode: statusCode, detail: detail).ExecuteAsync(status.HttpContext);
    }

    private static FormatsResponse GetFormats(IOptions<ConversionFlowOptions> options) =>
        new([.. options.Value.AllowedTargets], options.Value.MaxUploadSizeBytes);

    /// <summary>Step 1: returns a file id and a presigned upload request, or 400 naming the invalid field.</summary>
    private static async Task<IResult> CreateUploadAsync(
        IConversionFlow flow, HttpContext context, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonRequestBody.ReadAsync(
            context.Request, SampleJsonContext.Default.CreateUploadBody, CreateUploadExample, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

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
