using System.Text;
using ChangeThisFile.Client.Benchmarks.Payloads;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.Benchmarks.Load;

/// <summary>
/// Writes signed webhook deliveries for the load script, one a line: the
/// <c>X-CTF-Signature</c> header, a tab, and the body. Each body carries its own job id, and
/// every signature uses the current time, so the file stays valid for the receiver's tolerance
/// (300 seconds by default) after it is written.
/// </summary>
internal static class DeliverySigner
{
    public static async Task<int> RunAsync(string secret, int count, string runId, int bodySize, string path)
    {
        if (count < 1 || bodySize < 512)
        {
            await Console.Error.WriteLineAsync(
                $"Invalid count {count} or body size {bodySize}; use a count of 1 or more and a size of 512 or more.");
            return 2;
        }

        var now = DateTimeOffset.UtcNow;
        var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        await using (writer)
        {
            for (var i = 0; i < count; i++)
            {
                var jobId = $"{runId}-{i:D8}";
                var body = SamplePayloads.CompletedEvent(bodySize, jobId);
                var header = WebhookSigner.CreateSignatureHeader(secret, body, now);
                await writer.WriteAsync(header);
                await writer.WriteAsync('\t');
                await writer.WriteAsync(Encoding.UTF8.GetString(body));
                await writer.WriteAsync('\n');
            }
        }

        Console.WriteLine($"wrote {count} deliveries to {path}");
        return 0;
    }
}
