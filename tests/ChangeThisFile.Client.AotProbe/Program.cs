using System.Text;
using ChangeThisFile.Client;
using ChangeThisFile.Client.AotProbe;
using ChangeThisFile.Client.Webhooks;
using Microsoft.Extensions.DependencyInjection;

// Exercises the paths that Native AOT can break: dependency injection and HttpClientFactory,
// the handler pipeline, source-generated JSON, and HMAC verification. Exits 0 when all work.
const string Secret = "whsec_aotProbeSecret_0c1d2e3f";
const string JobId = "3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b";

using var api = CannedStatusServer.Start();
var services = new ServiceCollection();
services.AddConversionClient(options =>
{
    options.ApiKey = "ctf_sk_aotprobe000000000000000000";
    options.BaseAddress = api.BaseAddress;
});
await using var provider = services.BuildServiceProvider();
var client = provider.GetRequiredService<IConversionClient>();
var job = await client.GetJobAsync(JobId);

var body = Encoding.UTF8.GetBytes(
    "{\"event\":\"job.completed\",\"data\":{\"job_id\":\"" + JobId + "\",\"status\":\"completed\"}}");
var header = WebhookSigner.CreateSignatureHeader(Secret, body, DateTimeOffset.UtcNow);
var verifier = new WebhookSignatureVerifier(new WebhookVerificationOptions { Secrets = [Secret] });
var received = verifier.VerifyAndParse(body, header);

var ok = job.Status == JobStatus.Completed && received.Succeeded && received.Event.JobId == JobId;
Console.WriteLine($"job {job.JobId}: {job.Status.Value}; webhook: {received.Verification.Status}; ok: {ok}");
return ok ? 0 : 1;
