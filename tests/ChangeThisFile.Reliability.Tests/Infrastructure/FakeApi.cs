using System.Collections.Concurrent;
using System.Text;

namespace ChangeThisFile.Reliability.Tests.Infrastructure;

/// <summary>
/// The normal responses of the conversion API for the routes the client calls. A fault rule may
/// replace the response to the first request or to every request, and each request is recorded
/// with its fake arrival time. WireMock and the raw socket server both serve it.
/// </summary>
public sealed class FakeApi(Uri baseAddress)
{
    public const string JobId = "job-1";
    public const string OtherJobId = "job-2";
    public const string NextCursor = "page-2";

    /// <summary>The converted bytes of <c>POST /v1/convert</c> and of the result download.</summary>
    public static readonly byte[] ResultBytes = Encoding.UTF8.GetBytes("""[{"name":"ada","count":"1"}]""");

    private readonly ConcurrentQueue<SeenRequest> _requests = new();
    private Func<RawRequest, int, ApiReply, ServerAction?> _fault = (_, _, _) => null;

    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>The clock that stamps arrivals and HTTP-date headers; each test sets its own.</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    public Uri ResultUrl => new(BaseAddress, "files/result.json");

    public IReadOnlyList<SeenRequest> Requests => [.. _requests];

    /// <summary>
    /// Sets the rule that may replace the normal response: it gets the request, its 1-based number
    /// and the normal reply, and returns a fault action or null for the normal one.
    /// </summary>
    public void SetFault(Func<RawRequest, int, ApiReply, ServerAction?> fault)
    {
        _requests.Clear();
        _fault = fault;
    }

    public ServerAction Handle(RawRequest request)
    {
        _requests.Enqueue(new SeenRequest(request, Clock.GetUtcNow()));
        var normal = Reply(request);
        return _fault(request, _requests.Count, normal) ?? new ServerAction(ServerActionKind.Respond, normal);
    }

    private ApiReply Reply(RawRequest request) => (request.Method, request.Path) switch
    {
        ("POST", "/v1/convert") => ApiReply.Create(200, "application/json", ResultBytes,
            ("Content-Disposition", "attachment; filename=\"people.json\""), ("X-Conversion-Time", "12ms")),
        ("POST", "/v1/jobs") => Json(202, $$"""
            {"job_id":"{{JobId}}","status":"queued","status_url":"{{BaseAddress}}v1/jobs/{{JobId}}"}
            """, ("Location", $"{BaseAddress}v1/jobs/{JobId}")),
        ("GET", "/v1/jobs/" + JobId) => Json(200, CompletedJob(JobId)),
        ("GET", "/v1/jobs") when request.Target.Contains("cursor=" + NextCursor, StringComparison.Ordinal) =>
            Json(200, $$"""{"data":[{{CompletedJob(JobId)}}],"has_more":false,"next_cursor":null}"""),
        ("GET", "/v1/jobs") =>
            Json(200, $$"""{"data":[{{CompletedJob(OtherJobId)}}],"has_more":true,"next_cursor":"{{NextCursor}}"}"""),
        ("GET", "/v1/usage") => Json(200, """
            {"plan":"free","conversions_used":12,"conversions_limit":1000,
             "period_start":"2026-01-01T00:00:00Z","period_end":"2026-02-01T00:00:00Z"}
            """),
        ("POST", "/v1/keys/free") => Json(200, """
            {"api_key":"ctf_sk_issued_free_key","plan":"free","monthly_limit":1000,"message":"Store it now."}
            """),
        ("POST", "/v1/keys/rotate") =>
            Json(200, """{"api_key":"ctf_sk_rotated_key","created_at":"2026-01-01T00:00:00Z"}"""),
        ("POST", "/v1/webhooks/secret") =>
            Json(200, """{"secret":"whsec_rotated","created_at":"2026-01-01T00:00:00Z"}"""),
        ("POST", "/v1/webhooks/test") =>
            Json(200, """{"delivered":true,"status_code":200,"url":"https://hooks.example.test/ctf"}"""),
        ("GET", "/files/result.json") => ApiReply.Create(200, "application/json", ResultBytes),
        _ => Json(404, """{"error":{"code":"not_found","message":"No such route."}}"""),
    };

    private string CompletedJob(string jobId) => $$$"""
        {"job_id":"{{{jobId}}}","status":"completed","created_at":"2026-01-01T00:00:00Z",
         "updated_at":"2026-01-01T00:00:05Z","source_format":"csv","target_format":"json",
         "result":{"file_url":"{{{ResultUrl}}}?expires=1&sig=s3cr3t","size":{{{ResultBytes.Length}}},"duration_ms":12}}
        """;

    private static ApiReply Json(int status, string json, params (string Name, string Value)[] headers) =>
        ApiReply.Create(status, "application/json", Encoding.UTF8.GetBytes(json), headers);
}
