using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Samples.Lambda.Functions;

/// <summary>
/// The handler names that the <c>Handler</c> setting of each function (the <c>_HANDLER</c>
/// environment variable) selects, so that one <c>bootstrap</c> executable serves all four functions.
/// </summary>
public static class LambdaHandlers
{
    /// <summary>Step 1, <c>POST /conversions</c>: creates a file id and a presigned upload URL.</summary>
    public const string CreateUpload = "CreateUpload";

    /// <summary>Step 2, S3 <c>ObjectCreated</c> under the input prefix: submits the uploaded file.</summary>
    public const string SubmitUpload = "SubmitUpload";

    /// <summary>Step 3, <c>POST /webhooks/changethisfile</c>: verifies the webhook and stores the result.</summary>
    public const string Webhook = "Webhook";

    /// <summary>Step 4, <c>GET /conversions/{fileId}</c>: reports the status and a download URL.</summary>
    public const string Status = "Status";

    /// <summary>Every handler name.</summary>
    public static IReadOnlyList<string> Names { get; } = [CreateUpload, SubmitUpload, Webhook, Status];

    /// <summary>Returns the handler a name selects, matching the name without regard to case.</summary>
    /// <param name="services">The services built by <see cref="LambdaServices.Configure"/>.</param>
    /// <param name="name">The handler name, usually from <c>_HANDLER</c>.</param>
    /// <returns>The handler.</returns>
    /// <exception cref="ArgumentException">The name selects no handler; the message lists the valid names.</exception>
    public static ILambdaHandler Resolve(IServiceProvider services, string? name)
    {
        ArgumentNullException.ThrowIfNull(services);
        var trimmed = name?.Trim() ?? string.Empty;
        if (Is(trimmed, CreateUpload))
        {
            return services.GetRequiredService<CreateUploadFunction>();
        }

        if (Is(trimmed, SubmitUpload))
        {
            return services.GetRequiredService<SubmitUploadFunction>();
        }

        if (Is(trimmed, Webhook))
        {
            return services.GetRequiredService<WebhookFunction>();
        }

        if (Is(trimmed, Status))
        {
            return services.GetRequiredService<StatusFunction>();
        }

        throw new ArgumentException(
            $"The handler '{Shorten(trimmed)}' does not exist. Set the function's Handler (the _HANDLER " +
            $"environment variable) to one of: {string.Join(", ", Names)}.",
            nameof(name));
    }

    private static bool Is(string name, string handler) =>
        string.Equals(name, handler, StringComparison.OrdinalIgnoreCase);

    private static string Shorten(string value) => value.Length <= 64 ? value : value[..64] + "...";
}
