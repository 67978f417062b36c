using ChangeThisFile.Emulator.Api;
using ChangeThisFile.Emulator.Conversion;

namespace ChangeThisFile.Emulator.Endpoints;

/// <summary>
/// <c>GET /files/{job_id}/{name}</c>: serves a completed job's result to anyone holding an
/// unexpired signed URL, with range requests; 403 when the signature is wrong or expired.
/// </summary>
internal sealed class FileEndpoints(EmulatorContext context)
{
    public async Task DownloadAsync(HttpContext http)
    {
        var jobId = http.Request.RouteValues["jobId"] as string ?? string.Empty;
        var refusal = context.ResultUrls.Check(
            jobId, http.Request.Query["expires"].FirstOrDefault(), http.Request.Query["signature"].FirstOrDefault());
        if (refusal is not null)
        {
            await ResponseWriter.WriteErrorAsync(http, ApiErrors.ResultUrlForbidden(refusal)).ConfigureAwait(false);
            return;
        }

        var job = context.Jobs.Find(jobId);
        if (job?.ResultPath is not { } path || !File.Exists(path))
        {
            await ResponseWriter.WriteErrorAsync(http, ApiErrors.JobNotFound()).ConfigureAwait(false);
            return;
        }

        var snapshot = job.Snapshot();
        http.Response.Headers.ContentDisposition = ContentDispositions.Attachment(snapshot.ResultFileName);
        var mediaType = FormatNames.MediaTypeOf(snapshot.TargetFormat);
        var result = TypedResults.PhysicalFile(path, mediaType, enableRangeProcessing: true);
        await result.ExecuteAsync(http).ConfigureAwait(false);
    }
}
