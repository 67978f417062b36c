using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChangeThisFile.Emulator.Api;

/// <summary>The error envelope <c>{"error":{...}}</c>.</summary>
internal sealed record ErrorEnvelope(ErrorBody Error);

/// <summary>The inner object of the error envelope.</summary>
internal sealed record ErrorBody(string Code, string Message, JsonObject? Details);

/// <summary>The 202 body of <c>POST /v1/jobs</c>.</summary>
internal sealed record JobCreatedResponse(string JobId, string Status, string StatusUrl);

/// <summary>A job as <c>GET /v1/jobs/{id}</c> and <c>GET /v1/jobs</c> return it.</summary>
internal sealed record JobResponse(
    string JobId,
    string Status,
    string CreatedAt,
    string UpdatedAt,
    string? SourceFormat,
    string TargetFormat,
    JobResultBody? Result,
    JobErrorBody? Error,
    JsonElement? Metadata);

/// <summary>The <c>result</c> object of a completed job, in job responses and webhooks.</summary>
internal sealed record JobResultBody(
    string FileUrl,
    long Size,
    long DurationMs,
    string SourceFormat,
    string TargetFormat);

/// <summary>The <c>error</c> object of a failed job.</summary>
internal sealed record JobErrorBody(string Code, string Message);

/// <summary>One page of <c>GET /v1/jobs</c>, newest first.</summary>
internal sealed record JobListResponse(
    IReadOnlyList<JobResponse> Data,
    bool HasMore,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? NextCursor);

/// <summary>The body of <c>GET /v1/usage</c>.</summary>
internal sealed record UsageResponse(
    string Plan,
    int ConversionsUsed,
    int ConversionsLimit,
    string PeriodStart,
    string PeriodEnd);

/// <summary>The request body of <c>POST /v1/keys/free</c>.</summary>
internal sealed record FreeKeyRequest(string? Email);

/// <summary>The response body of <c>POST /v1/keys/free</c>.</summary>
internal sealed record FreeKeyResponse(string ApiKey, string Plan, int MonthlyLimit, string Message);

/// <summary>The response body of <c>POST /v1/keys/rotate</c>.</summary>
internal sealed record KeyRotationResponse(string ApiKey, string CreatedAt);

/// <summary>The response body of <c>POST /v1/webhooks/secret</c>.</summary>
internal sealed record WebhookSecretResponse(string Secret, string CreatedAt);

/// <summary>The request body of <c>POST /v1/webhooks/test</c>.</summary>
internal sealed record WebhookTestRequest(string? Url);

/// <summary>The response body of <c>POST /v1/webhooks/test</c>.</summary>
internal sealed record WebhookTestResponse(
    bool Delivered,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? StatusCode,
    string Url,
    string? Error);

/// <summary>A job webhook in the current form: <c>{"event","data":{...}}</c>.</summary>
internal sealed record CurrentWebhookPayload(string Event, CurrentWebhookData Data);

/// <summary>The <c>data</c> object of a current-form job webhook.</summary>
internal sealed record CurrentWebhookData(
    string JobId,
    string Status,
    JobResultBody? Result,
    JobErrorBody? Error,
    JsonElement? Metadata);

/// <summary>A job webhook in the legacy flat form.</summary>
internal sealed record LegacyWebhookPayload(
    string JobId,
    string State,
    string? DownloadUrl,
    JobErrorBody? Error,
    JsonElement? Metadata);
