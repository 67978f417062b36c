using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.AspNetCore;

/// <summary>
/// Handles verified webhook events. Resolved from dependency injection in a scope per event, so
/// it may depend on scoped services. Throwing makes the delivery count as failed: an inline
/// endpoint responds with 500 so the API retries, and the queue retries it in process.
/// </summary>
/// <remarks>Derive from <see cref="ConversionWebhookHandler"/> to override only the methods you need.</remarks>
public interface IConversionWebhookHandler
{
    /// <summary>
    /// Handles <c>job.completed</c>: the result is at <see
    /// cref="ConversionWebhookEvent.ResultUrl"/>.
    /// </summary>
    /// <param name="webhookEvent">The verified event.</param>
    /// <param name="cancellationToken">Canceled when the request is aborted or the queue stops.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    Task OnJobCompletedAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken);

    /// <summary>Handles <c>job.failed</c>: the reason is in <see cref="ConversionWebhookEvent.Error"/>.</summary>
    /// <param name="webhookEvent">The verified event.</param>
    /// <param name="cancellationToken">Canceled when the request is aborted or the queue stops.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    Task OnJobFailedAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken);

    /// <summary>Handles <c>webhook.test</c>, sent by <c>POST /v1/webhooks/test</c>.</summary>
    /// <param name="webhookEvent">The verified event.</param>
    /// <param name="cancellationToken">Canceled when the request is aborted or the queue stops.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    Task OnTestAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken);

    /// <summary>
    /// Handles an event type this version of the library does not know, or a legacy body whose
    /// state is neither done nor failed. The body is in <see cref="ConversionWebhookEvent.Payload"/>.
    /// </summary>
    /// <param name="webhookEvent">The verified event.</param>
    /// <param name="cancellationToken">Canceled when the request is aborted or the queue stops.</param>
    /// <returns>A task that completes when the event is handled.</returns>
    Task OnUnknownEventAsync(ConversionWebhookEvent webhookEvent, CancellationToken cancellationToken);
}
