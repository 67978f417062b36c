using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace ChangeThisFile.Samples.Functions.Webhooks;

/// <summary>
/// Runs <see cref="WebhookRequestVerifier"/> before the webhook function in the Functions worker
/// pipeline. The middleware responds to a rejected delivery itself, and the function never runs.
/// A verified delivery reaches the function with <see cref="IVerifiedWebhookFeature"/> set and the
/// body rewound.
/// </summary>
public sealed class WebhookVerificationMiddleware(WebhookRequestVerifier verifier) : IFunctionsWorkerMiddleware
{
    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.GetHttpContext() is { } httpContext)
        {
            var verification = await verifier.VerifyAsync(httpContext, context.CancellationToken).ConfigureAwait(false);
            if (!verification.IsVerified)
            {
                await verification.WriteAsync(httpContext).ConfigureAwait(false);
                return;
            }
        }

        await next(context).ConfigureAwait(false);
    }
}
