using ChangeThisFile.Client.AspNetCore;
using ChangeThisFile.Client.AspNetCore.Internal;
using ChangeThisFile.Client.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps webhook endpoints.</summary>
public static class ConversionWebhookEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a POST endpoint that verifies deliveries and dispatches each event to the
    /// <see cref="IConversionWebhookHandler"/> registered with
    /// <c>AddConversionWebhooks(...).AddHandler&lt;THandler&gt;()</c>.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route pattern, such as <c>/webhooks/changethisfile</c>.</param>
    /// <returns>The endpoint's convention builder, to add authorization, rate limiting or metadata.</returns>
    /// <exception cref="InvalidOperationException">The receiver or the handler is not registered.</exception>
    public static IEndpointConventionBuilder MapConversionWebhooks(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var isService = endpoints.ServiceProvider.GetService<IServiceProviderIsService>();
        if (isService is not null && !isService.IsService(typeof(IConversionWebhookHandler)))
        {
            throw new InvalidOperationException(
                "No IConversionWebhookHandler is registered. Call services.AddConversionWebhooks(...)" +
                ".AddHandler<THandler>(), or pass a handler delegate to MapConversionWebhooks.");
        }

        return Map(endpoints, pattern, WebhookDispatch.ToRegisteredHandler);
    }

    /// <summary>
    /// Maps a POST endpoint that verifies deliveries and passes each event to <paramref
    /// name="handler"/>.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route pattern, such as <c>/webhooks/changethisfile</c>.</param>
    /// <param name="handler">Handles every event type; throwing counts as a failed delivery.</param>
    /// <returns>The endpoint's convention builder, to add authorization, rate limiting or metadata.</returns>
    /// <exception cref="InvalidOperationException">The receiver is not registered.</exception>
    public static IEndpointConventionBuilder MapConversionWebhooks(
        this IEndpointRouteBuilder endpoints,
        string pattern,
        Func<ConversionWebhookEvent, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(handler);
        return Map(
            endpoints, pattern, (_, webhookEvent, cancellationToken) => handler(webhookEvent, cancellationToken));
    }

    private static IEndpointConventionBuilder Map(
        IEndpointRouteBuilder endpoints, string pattern, WebhookHandlerDelegate handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var endpoint = endpoints.ServiceProvider.GetService<WebhookEndpointHandler>()
            ?? throw new InvalidOperationException(
                "The webhook receiver is not registered. Call services.AddConversionWebhooks(...) before mapping it.");
        RequestDelegate requestDelegate = context => endpoint.HandleAsync(context, handler);
        return endpoints.MapPost(pattern, requestDelegate).WithDisplayName($"ChangeThisFile webhooks {pattern}");
    }
}
