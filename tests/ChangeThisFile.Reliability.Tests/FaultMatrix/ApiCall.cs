using System.Text;
using ChangeThisFile.Client;
using ChangeThisFile.Reliability.Tests.Infrastructure;

namespace ChangeThisFile.Reliability.Tests.FaultMatrix;

/// <summary>Each method of <see cref="IConversionClient"/>, in the order of the matrix columns.</summary>
public enum ApiCall
{
    Convert,
    SubmitUpload,
    SubmitUrl,
    GetJob,
    ListJobs,
    Wait,
    Download,
    Usage,
    FreeKey,
    RotateKey,
    RotateSecret,
    TestWebhook,
}

/// <summary>The ids and URLs a call works on: the job to read, the input and receiver URLs, the result URL.</summary>
public sealed record CallTargets(string JobId, Uri InputUrl, Uri HookUrl, Uri ResultUrl)
{
    /// <summary>
    /// Targets on <see cref="FakeApi"/>. The input and receiver URLs only travel to the API and
    /// are never fetched; the result URL carries a signature that must never be logged.
    /// </summary>
    public static CallTargets For(FakeApi api) => new(
        FakeApi.JobId,
        new Uri("https://files.example.test/in/people.csv"),
        new Uri("https://hooks.example.test/ctf"),
        new Uri(api.ResultUrl + "?expires=1&sig=s3cr3t"));
}

/// <summary>Invokes each call with fixed arguments and sums up its result as text that a test can compare.</summary>
public static class ApiCalls
{
    public static readonly byte[] Input = "name,count\nada,1\n"u8.ToArray();

    /// <summary>The wait deadline of <see cref="ApiCall.Wait"/>: short enough to reach with a fake clock.</summary>
    public static readonly TimeSpan WaitTimeout = TimeSpan.FromMinutes(5);

    /// <summary>Whether the client may repeat the call after the server may have processed it.</summary>
    public static bool IsIdempotent(ApiCall call) =>
        call is not (ApiCall.FreeKey or ApiCall.RotateKey or ApiCall.RotateSecret or ApiCall.TestWebhook);

    /// <summary>Whether the call sends an <c>Idempotency-Key</c>: the calls that create work.</summary>
    public static bool SendsIdempotencyKey(ApiCall call) =>
        call is ApiCall.Convert or ApiCall.SubmitUpload or ApiCall.SubmitUrl;

    /// <summary>Whether the call's first request is an upload, bounded by the upload timeout.</summary>
    public static bool IsUpload(ApiCall call) => call is ApiCall.Convert or ApiCall.SubmitUpload;

    /// <summary>Whether the call returns streamed content rather than parsed JSON.</summary>
    public static bool ReturnsContent(ApiCall call) => call is ApiCall.Convert or ApiCall.Download;

    /// <summary>The method and path of the call's first request.</summary>
    public static string Endpoint(ApiCall call, string jobId = FakeApi.JobId) => call switch
    {
        ApiCall.Convert => "POST /v1/convert",
        ApiCall.SubmitUpload or ApiCall.SubmitUrl => "POST /v1/jobs",
        ApiCall.GetJob or ApiCall.Wait => "GET /v1/jobs/" + jobId,
        ApiCall.ListJobs => "GET /v1/jobs",
        ApiCall.Download => "GET /files/result.json",
        ApiCall.Usage => "GET /v1/usage",
        ApiCall.FreeKey => "POST /v1/keys/free",
        ApiCall.RotateKey => "POST /v1/keys/rotate",
        ApiCall.RotateSecret => "POST /v1/webhooks/secret",
        _ => "POST /v1/webhooks/test",
    };

    /// <summary>The words that name the endpoint in a JSON error from the call.</summary>
    public static string JsonErrorSubject(ApiCall call) =>
        call == ApiCall.ListJobs ? "job list" : Endpoint(call).Split(' ')[1];

    /// <summary>The summary a successful call returns against <see cref="FakeApi"/>.</summary>
    public static string ExpectedSummary(ApiCall call) => call switch
    {
        ApiCall.Convert or ApiCall.Download => "content:" + Encoding.UTF8.GetString(FakeApi.ResultBytes),
        ApiCall.SubmitUpload or ApiCall.SubmitUrl => "job:" + FakeApi.JobId + ":queued",
        ApiCall.GetJob or ApiCall.Wait => "job:" + FakeApi.JobId + ":completed",
        ApiCall.ListJobs => "jobs:" + FakeApi.OtherJobId + "," + FakeApi.JobId,
        ApiCall.Usage => "usage:free",
        ApiCall.FreeKey => "key:ctf_sk_issued_free_key",
        ApiCall.RotateKey => "key:ctf_sk_rotated_key",
        ApiCall.RotateSecret => "secret:whsec_rotated",
        _ => "delivered:True",
    };

    /// <summary>Runs the call to its end, reading streamed content fully, and returns its summary.</summary>
    public static async Task<string> InvokeAsync(IConversionClient client, ApiCall call, CallTargets targets) =>
        call switch
    {
        ApiCall.Convert => await ConvertAsync(client),
        ApiCall.SubmitUpload => Summary(await client.SubmitJobAsync(
            new JobUploadRequest(UploadContent.FromBytes(Input, "people.csv"), "json"))),
        ApiCall.SubmitUrl => Summary(await client.SubmitJobFromUrlAsync(new JobUrlRequest(targets.InputUrl, "json"))),
        ApiCall.GetJob => Summary(await client.GetJobAsync(targets.JobId)),
        ApiCall.ListJobs => await ListAsync(client),
        ApiCall.Wait => Summary(await client.WaitForCompletionAsync(
            targets.JobId, new JobWaitOptions { Timeout = WaitTimeout })),
        ApiCall.Download => await DownloadAsync(client, targets.ResultUrl),
        ApiCall.Usage => "usage:" + (await client.GetUsageAsync()).Plan,
        ApiCall.FreeKey => "key:" + (await client.CreateFreeApiKeyAsync("dev@example.com")).ApiKey,
        ApiCall.RotateKey => "key:" + (await client.RotateApiKeyAsync()).ApiKey,
        ApiCall.RotateSecret => "secret:" + (await client.RotateWebhookSecretAsync()).Secret,
        _ => "delivered:" + (await client.SendTestWebhookAsync(targets.HookUrl)).Delivered,
    };

    private static string Summary(JobHandle handle) => $"job:{handle.JobId}:{handle.Status.Value}";

    private static string Summary(ConversionJob job) => $"job:{job.JobId}:{job.Status.Value}";

    private static async Task<string> ConvertAsync(IConversionClient client)
    {
        var request = new ConvertRequest(UploadContent.FromBytes(Input, "people.csv"), "json");
        await using var result = await client.ConvertAsync(request);
        using var reader = new StreamReader(result.Content, Encoding.UTF8);
        return "content:" + await reader.ReadToEndAsync();
    }

    private static async Task<string> ListAsync(IConversionClient client)
    {
        var ids = new List<string>();
        await foreach (var job in client.ListJobsAsync())
        {
            ids.Add(job.JobId);
        }

        return "jobs:" + string.Join(',', ids);
    }

    private static async Task<string> DownloadAsync(IConversionClient client, Uri resultUrl)
    {
        using var output = new MemoryStream();
        await client.DownloadAsync(resultUrl, output);
        return "content:" + Encoding.UTF8.GetString(output.ToArray());
    }
}
