using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace ChangeThisFile.Client.AspNetCore.Internal;

/// <summary>
/// Verifies POST requests to one path before the rest of the pipeline sees them. A verified
/// request continues with its body rewound and readable, and its event in
/// <see cref="IConversionWebhookFeature"/>; any other method on that path gets 405.
/// </summary>
internal sealed class WebhookVerificationMiddleware(RequestDelegate next, PathString path, WebhookReceiver receiver)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsWebhookPath(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        if (!HttpMethods.IsPost(context.Request.Method))
        {
            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers[HeaderNames.Allow] = HttpMethods.Post;
            return;
        }

        if (await receiver.ReceiveAsync(context).ConfigureAwait(false) is not null)
        {
            await next(context).ConfigureAwait(false);
        }
    }

    private bool IsWebhookPath(PathString requestPath) =>
        requestPath.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase, out var remaining)
        && (!remaining.HasValue || remaining.Value == "/");
}
