using System.Text.Json.Serialization;
using ChangeThisFile.Samples.AspNetCore.Hosting;

namespace ChangeThisFile.Samples.AspNetCore.Diagnostics;

/// <summary>
/// Routes for measuring the sample, mapped only when <c>Sample:Diagnostics</c> is true: a bare
/// POST that returns 200 without reading the body, to compare the webhook route with the server's
/// own cost, and the flow's webhook counts. Leave them off in production, because neither route
/// has authentication.
/// </summary>
internal static class DiagnosticsRoutes
{
    /// <summary>The setting that maps the routes, false by default.</summary>
    public const string EnabledKey = SampleSettings.SectionName + ":Diagnostics";

    /// <summary>Returns 200 to a POST without reading the body.</summary>
    public const string Bare = "/diagnostics/bare";

    /// <summary>Returns <see cref="WebhookCountsResponse"/>.</summary>
    public const string Webhooks = "/diagnostics/webhooks";

    /// <summary>Returns whether the configuration turns the routes on.</summary>
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue(EnabledKey, false);

    /// <summary>Registers the webhook counter, which must exist before the first webhook arrives.</summary>
    public static void AddDiagnostics(this IServiceCollection services) =>
        services.AddSingleton<FlowWebhookCounts>();

    /// <summary>Maps the two routes and starts the webhook counter.</summary>
    public static void MapDiagnostics(this WebApplication app)
    {
        var counts = app.Services.GetRequiredService<FlowWebhookCounts>();
        app.MapPost(Bare, () => Results.Ok());
        app.MapGet(Webhooks, () => new WebhookCountsResponse(counts.Snapshot()));
    }
}

/// <summary>The body of <c>GET /diagnostics/webhooks</c>.</summary>
/// <param name="HandledByOutcome">
/// Calls of the flow's webhook handler since start-up, by outcome (<c>applied</c>, <c>unmatched</c>,
/// <c>duplicate</c>, <c>error</c>, ...). Repeats that the webhook endpoint acknowledged from its
/// deduplication store never reach the flow and are not counted.
/// </param>
internal sealed record WebhookCountsResponse(
    [property: JsonPropertyName("handled_by_outcome")] IReadOnlyDictionary<string, long> HandledByOutcome);
