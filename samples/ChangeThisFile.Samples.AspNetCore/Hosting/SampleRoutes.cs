namespace ChangeThisFile.Samples.AspNetCore.Hosting;

/// <summary>The paths the sample maps.</summary>
internal static class SampleRoutes
{
    /// <summary>
    /// The webhook endpoint. <c>ConversionFlow:WebhookUrl</c> defaults to the public base URL plus this path.
    /// </summary>
    public const string Webhook = "/webhooks/changethisfile";

    /// <summary>The local storage endpoint that serves presigned uploads and downloads.</summary>
    public const string Storage = "/storage";

    /// <summary>The health check, for load balancers and deployment probes.</summary>
    public const string Health = "/healthz";

    /// <summary>Returns the path of the submit step of a file.</summary>
    public static string Submit(string fileId) => $"/api/conversions/{Uri.EscapeDataString(fileId)}/submit";

    /// <summary>Returns the path of the status step of a file.</summary>
    public static string Status(string fileId) => $"/api/conversions/{Uri.EscapeDataString(fileId)}";
}
