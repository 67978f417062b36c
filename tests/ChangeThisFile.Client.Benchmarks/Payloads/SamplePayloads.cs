using System.Text;

namespace ChangeThisFile.Client.Benchmarks.Payloads;

/// <summary>
/// The API's example bodies (embedded from the <c>Payloads</c> folder) and webhook bodies padded
/// to an exact size.
/// </summary>
internal static class SamplePayloads
{
    /// <summary>The webhook secret every benchmark signs and verifies with.</summary>
    public const string WebhookSecret = "whsec_benchmarkSecret_5f0c2a9e71d4";

    /// <summary>Returns the bytes of an embedded example, such as <c>job-status-completed.json</c>.</summary>
    public static byte[] Read(string fileName)
    {
        var assembly = typeof(SamplePayloads).Assembly;
        using var stream = assembly.GetManifestResourceStream("Payloads." + fileName)
            ?? throw new InvalidOperationException($"The embedded payload '{fileName}' is missing.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>
    /// Builds a <c>job.completed</c> body of exactly <paramref name="size"/> bytes by padding a
    /// metadata field, so the JSON stays valid at any size.
    /// </summary>
    public static byte[] CompletedEvent(int size, string jobId = "3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b")
    {
        var head =
            "{\"event\":\"job.completed\",\"data\":{\"job_id\":\"" + jobId + "\",\"status\":\"completed\"," +
            "\"result\":{\"file_url\":\"https://files.example.com/out/3b9e6c1a.webp?sig=abc\",\"size\":18342," +
            "\"duration_ms\":640,\"source_format\":\"png\",\"target_format\":\"webp\"}," +
            "\"metadata\":{\"order_id\":\"ord_1001\",\"note\":\"";
        const string Tail = "\"}}}";
        var padding = size - Encoding.UTF8.GetByteCount(head) - Tail.Length;
        if (padding < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(size), size, $"A body needs at least {size - padding} bytes.");
        }

        var body = Encoding.UTF8.GetBytes(head + new string('x', padding) + Tail);
        return body.Length == size
            ? body
            : throw new InvalidOperationException($"Built {body.Length} bytes instead of {size}.");
    }
}
