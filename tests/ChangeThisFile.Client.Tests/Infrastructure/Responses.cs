using WireMock.ResponseBuilders;

namespace ChangeThisFile.Client.Tests.Infrastructure;

/// <summary>Shorthands for WireMock responses.</summary>
public static class Responses
{
    public static IResponseBuilder Json(int status, string json) =>
        Response.Create()
            .WithStatusCode(status)
            .WithHeader("Content-Type", "application/json")
            .WithBody(json);

    public static IResponseBuilder Example(int status, string exampleFile) => Json(status, Examples.Read(exampleFile));

    public static string JobJson(string jobId, string status) =>
        $$"""
        {"job_id":"{{jobId}}","status":"{{status}}","created_at":"2026-01-01T00:00:00Z",
         "source_format":"png","target_format":"webp"}
        """;
}
