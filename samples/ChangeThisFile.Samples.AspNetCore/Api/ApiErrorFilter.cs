using System.Net;
using ChangeThisFile.Client;
using ChangeThisFile.Client.Flow;

namespace ChangeThisFile.Samples.AspNetCore.Api;

/// <summary>
/// Turns the flow's expected exceptions into problem responses: an invalid request into 400
/// naming the field, an API failure into 502 (or 503 with <c>Retry-After</c> when the API is
/// rate limiting). Anything else is left to the exception handler, which returns 500.
/// </summary>
internal sealed partial class ApiErrorFilter(ILogger<ApiErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ConversionFlowValidationException exception)
        {
            var field = exception.ParamName ?? "request";
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { [field] = [exception.Reason] },
                detail: exception.Reason,
                title: "The request is invalid.");
        }
        catch (ConversionApiException exception)
        {
            Log.ApiFailed(logger, exception, context.HttpContext.Request.Path, (int)exception.StatusCode);
            var limited = exception.StatusCode == HttpStatusCode.TooManyRequests;
            if (limited && exception.RetryAfter is { } wait)
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(
                    System.Globalization.CultureInfo.InvariantCulture);
            }

            return TypedResults.Problem(
                statusCode: limited ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status502BadGateway,
                title: "The conversion API failed.",
                detail: $"The API returned HTTP {(int)exception.StatusCode} {exception.ErrorCode.Value}: " +
                    exception.ErrorMessage);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
            Message = "The conversion API failed during {Path} with HTTP {StatusCode}")]
        public static partial void ApiFailed(ILogger logger, Exception exception, string path, int statusCode);
    }
}
