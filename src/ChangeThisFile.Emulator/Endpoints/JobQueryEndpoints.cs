using System.Buffers.Text;
using System.Globalization;
using System.Text;
using ChangeThisFile.Emulator.Api;
using ChangeThisFile.Emulator.Http;
using ChangeThisFile.Emulator.Jobs;

namespace ChangeThisFile.Emulator.Endpoints;

/// <summary>
/// <c>GET /v1/jobs/{job_id}</c> and <c>GET /v1/jobs</c>. The list is newest first, paged by
/// <c>limit</c> (1 to 100, default 20) and an opaque <c>cursor</c> taken from <c>next_cursor</c>.
/// </summary>
internal sealed class JobQueryEndpoints(EmulatorContext context)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    private const string CursorPrefix = "seq:";

    public Task GetAsync(HttpContext http)
    {
        var jobId = http.Request.RouteValues["jobId"] as string ?? string.Empty;
        var job = context.Jobs.Find(jobId, http.GetCaller().Account.Id) ?? throw ApiErrors.JobNotFound();
        var body = JobViews.ToResponse(job, context.ResultUrls);
        return ResponseWriter.WriteJsonAsync(http, StatusCodes.Status200OK, body, EmulatorJson.Context.JobResponse);
    }

    public Task ListAsync(HttpContext http)
    {
        var limit = ParseLimit(http.Request.Query["limit"].FirstOrDefault());
        var before = ParseCursor(http.Request.Query["cursor"].FirstOrDefault());
        var (page, hasMore) = context.Jobs.Page(http.GetCaller().Account.Id, limit, before);
        var body = new JobListResponse(
            [.. page.Select(job => JobViews.ToResponse(job, context.ResultUrls))],
            hasMore,
            hasMore ? EncodeCursor(page[^1].Sequence) : null);
        return ResponseWriter.WriteJsonAsync(http, StatusCodes.Status200OK, body, EmulatorJson.Context.JobListResponse);
    }

    private static int ParseLimit(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return DefaultPageSize;
        }

        var valid = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            && limit is >= 1 and <= MaxPageSize;
        return valid
            ? limit
            : throw ApiErrors.BadRequest(string.Create(
                CultureInfo.InvariantCulture,
                $"The 'limit' value '{value}' is invalid; send an integer from 1 to {MaxPageSize}."));
    }

    private static long? ParseCursor(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        // TryDecodeFromChars throws FormatException on invalid Base64Url, so check it first.
        var bytes = new byte[Base64Url.GetMaxDecodedLength(value.Length)];
        if (Base64Url.IsValid(value) && Base64Url.TryDecodeFromChars(value, bytes, out var written))
        {
            var text = Encoding.ASCII.GetString(bytes, 0, written);
            var digits = text.AsSpan(Math.Min(CursorPrefix.Length, text.Length));
            if (text.StartsWith(CursorPrefix, StringComparison.Ordinal)
                && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return sequence;
            }
        }

        throw ApiErrors.BadRequest(
            "The 'cursor' value is invalid; send the next_cursor of the previous page unchanged.");
    }

    private static string EncodeCursor(long sequence)
    {
        var text = CursorPrefix + sequence.ToString(CultureInfo.InvariantCulture);
        return Base64Url.EncodeToString(Encoding.ASCII.GetBytes(text));
    }
}
