using System.Text.Json;
using ChangeThisFile.Emulator.Api;

namespace ChangeThisFile.Emulator.Webhooks;

/// <summary>Builds webhook bodies, byte for byte, in the current and legacy forms.</summary>
internal static class WebhookPayloads
{
    public const string JobCompleted = "job.completed";
    public const string JobFailed = "job.failed";
    public const string WebhookTest = "webhook.test";

    /// <summary>The body of a test event: <c>{"event":"webhook.test","data":{}}</c>.</summary>
    public static byte[] TestBody() => """{"event":"webhook.test","data":{}}"""u8.ToArray();

    /// <summary>Returns the event name and body for a job that ended, as the job response shows it.</summary>
    /// <remarks>
    /// Current form: <c>{"event","data":{"job_id","status","result"|"error","metadata"}}</c>.
    /// Legacy form: <c>{"job_id","state":"done"|"failed","download_url"|"error","metadata"}</c>.
    /// </remarks>
    public static (string EventName, byte[] Body) ForJob(JobResponse job, WebhookSignatureForm form)
    {
        var completed = job.Status == "completed";
        var eventName = completed ? JobCompleted : JobFailed;
        if (form == WebhookSignatureForm.Legacy)
        {
            var legacy = new LegacyWebhookPayload(
                job.JobId, completed ? "done" : "failed", job.Result?.FileUrl, job.Error, job.Metadata);
            return (eventName, JsonSerializer.SerializeToUtf8Bytes(legacy, EmulatorJson.Context.LegacyWebhookPayload));
        }

        var data = new CurrentWebhookData(job.JobId, job.Status, job.Result, job.Error, job.Metadata);
        var payload = new CurrentWebhookPayload(eventName, data);
        return (eventName, JsonSerializer.SerializeToUtf8Bytes(payload, EmulatorJson.Context.CurrentWebhookPayload));
    }
}
