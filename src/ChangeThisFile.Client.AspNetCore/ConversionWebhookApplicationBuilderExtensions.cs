using ChangeThisFile.Client.AspNetCore.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds webhook verification middleware for applications that keep their own endpoint.</summary>
public static class ConversionWebhookApplicationBuilderExtensions
{
    /// <summary>
    /// Verifies every POST to <paramref name="path"/> before later middleware runs. Place it
    /// before anything that reads the body. A rejected delivery gets its 4xx response here; a
    /// verified one continues with the body rewound and readable, and its event available from
    /// <c>HttpContext.GetConversionWebhookEvent()</c>. Other methods on the path get 405.
    /// Deduplication and queuing are not applied; use <c>MapConversionWebhooks</c> for those.
    /// </summary>
    /// <param name="app">The application builder.</param>
    /// <param name="path">
    /// The webhook path, such as <c>/webhooks/changethisfile</c>; matched without regard to case.
    /// </param>
    /// <returns>The application builder, for chaining.</returns>
    /// <exception cref="InvalidOperationException">The receiver is not registered.</exception>
    public static IApplicationBuilder UseConversionWebhookVerification(this IApplicationBuilder app, PathString path)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!path.HasValue)
        {
            throw new ArgumentException("Pass the webhook path, such as /webhooks/changethisfile.", nameof(path));
        }

        var receiver = app.ApplicationServices.GetService<WebhookReceiver>()
            ?? throw new InvalidOperationException(
                "The webhook receiver is not registered. Call services.AddConversionWebhooks(...) first.");
        return app.Use(next => new WebhookVerificationMiddleware(next, path, receiver).InvokeAsync);
    }
}
