using ChangeThisFile.Samples.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ChangeThisFile.Samples.Functions.Webhooks;

/// <summary>The outcome of the verification step: the verified delivery, or the error response to send.</summary>
public sealed class WebhookRequestVerification
{
    private WebhookRequestVerification(IVerifiedWebhookFeature? delivery, int statusCode, string code, string message)
    {
        Delivery = delivery;
        StatusCode = statusCode;
        Code = code;
        Message = message;
    }

    /// <summary>The verified delivery; null when the request was rejected.</summary>
    public IVerifiedWebhookFeature? Delivery { get; }

    /// <summary>Whether the delivery is authentic and its event readable.</summary>
    public bool IsVerified => Delivery is not null;

    /// <summary>The HTTP status of a rejection, such as 401.</summary>
    public int StatusCode { get; }

    /// <summary>The error code of a rejection, such as <c>invalid_signature</c>.</summary>
    public string Code { get; }

    /// <summary>Why the request was rejected; safe to send back, it never quotes the body or a secret.</summary>
    public string Message { get; }

    internal static WebhookRequestVerification Verified(IVerifiedWebhookFeature delivery) =>
        new(delivery, StatusCodes.Status200OK, string.Empty, string.Empty);

    internal static WebhookRequestVerification Rejected(int statusCode, string code, string message) =>
        new(null, statusCode, code, message);

    /// <summary>Returns the rejection as the function's result.</summary>
    public IActionResult ToActionResult() => JsonResults.Error(StatusCode, Code, Message);

    /// <summary>Writes the rejection to the response, for middleware that stops the request.</summary>
    /// <param name="context">The request's context.</param>
    /// <returns>A task that completes when the response is written.</returns>
    public Task WriteAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return JsonResults.WriteErrorAsync(context.Response, StatusCode, Code, Message, context.RequestAborted);
    }
}
