using ChangeThisFile.Emulator.Api;

namespace ChangeThisFile.Emulator.Jobs;

/// <summary>Turns stored jobs into API bodies, signing a fresh result URL each time.</summary>
internal static class JobViews
{
    public static JobResponse ToResponse(JobRecord job, ResultUrlSigner signer)
    {
        var snapshot = job.Snapshot();
        JobResultBody? result = null;
        if (snapshot.Status == JobRecord.Completed)
        {
            var url = signer.CreateUrl(job.Draft.BaseUrl, job.Id, snapshot.ResultFileName);
            result = new JobResultBody(
                url,
                snapshot.ResultSize ?? 0,
                snapshot.DurationMilliseconds ?? 0,
                snapshot.SourceFormat ?? string.Empty,
                snapshot.TargetFormat);
        }

        var error = snapshot.Status == JobRecord.Failed
            ? new JobErrorBody(snapshot.ErrorCode ?? ErrorCodes.InternalError, snapshot.ErrorMessage ?? string.Empty)
            : null;

        return new JobResponse(
            snapshot.JobId,
            snapshot.Status,
            EmulatorJson.FormatTimestamp(snapshot.CreatedAt),
            EmulatorJson.FormatTimestamp(snapshot.UpdatedAt),
            snapshot.SourceFormat,
            snapshot.TargetFormat,
            result,
            error,
            job.Draft.Metadata);
    }
}
