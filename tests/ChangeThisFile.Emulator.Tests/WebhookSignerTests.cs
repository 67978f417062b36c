using System.Text;
using System.Text.Json;
using ChangeThisFile.Emulator.Api;
using ChangeThisFile.Emulator.Tests.Infrastructure;
using ChangeThisFile.Emulator.Webhooks;

namespace ChangeThisFile.Emulator.Tests;

/// <summary>
/// The worked vectors published with the API reference, copied into Resources: the emulator's
/// signer and payload builder must reproduce them exactly.
/// </summary>
public sealed class WebhookSignerTests
{
    private static readonly string VectorsPath =
        Path.Combine(AppContext.BaseDirectory, "Resources", "webhook-signature-vectors.json");

    private static readonly JsonElement Vectors = JsonDocument.Parse(File.ReadAllText(VectorsPath)).RootElement;

    private static string Secret => Vectors.GetProperty("secret").GetString()!;

    public static TheoryData<string> VectorNames() =>
        [.. Vectors.GetProperty("vectors").EnumerateArray().Select(v => v.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(VectorNames))]
    public void CreateHeader_Vector_MatchesPublishedHeader(string name)
    {
        var vector = Vector(name);
        var body = Encoding.UTF8.GetBytes(vector.GetProperty("body").GetString()!);
        var form = vector.GetProperty("scheme").GetString() == "v1"
            ? WebhookSignatureForm.Current
            : WebhookSignatureForm.Legacy;
        var timestamp = vector.TryGetProperty("timestamp", out var t) ? t.GetInt64() : 0;

        var header = WebhookSigner.CreateHeader(form, Secret, timestamp, body);

        header.Should().Be(vector.GetProperty("header_X-CTF-Signature").GetString());
    }

    [Fact]
    public void ComputeV1_VectorA_UsesHexKeyText()
    {
        var vector = Vector("v1-job-completed");
        var body = Encoding.UTF8.GetBytes(vector.GetProperty("body").GetString()!);

        var signature = WebhookSigner.ComputeV1(Secret, vector.GetProperty("timestamp").GetInt64(), body);

        signature.Should().NotBe(vector.GetProperty("wrong_if_key_is_raw_digest").GetString());
        signature.Should().NotBe(vector.GetProperty("wrong_if_key_is_plain_secret").GetString());
        signature.Should().Be(TestSignatures.V1(Secret, "1767225600", body));
    }

    [Fact]
    public void ForJob_CurrentForm_MatchesVectorBody()
    {
        var job = new JobResponse(
            "3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b",
            "completed",
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:03Z",
            "png",
            "webp",
            new JobResultBody("https://files.example.com/out/3b9e6c1a.webp?sig=abc", 18342, 640, "png", "webp"),
            null,
            null);

        var (eventName, body) = WebhookPayloads.ForJob(job, WebhookSignatureForm.Current);

        eventName.Should().Be("job.completed");
        Encoding.UTF8.GetString(body).Should().Be(Vector("v1-job-completed").GetProperty("body").GetString());
    }

    [Fact]
    public void ForJob_LegacyForm_MatchesVectorBody()
    {
        var metadata = JsonDocument.Parse("""{"order_id":"ord_1001"}""").RootElement;
        var job = new JobResponse(
            "3b9e6c1a-7d42-4f0e-9a85-1c2d3e4f5a6b",
            "completed",
            "2026-01-01T00:00:00Z",
            "2026-01-01T00:00:03Z",
            "png",
            "webp",
            new JobResultBody("https://files.example.com/out/3b9e6c1a.webp?sig=abc", 18342, 640, "png", "webp"),
            null,
            metadata);

        var (_, body) = WebhookPayloads.ForJob(job, WebhookSignatureForm.Legacy);

        Encoding.UTF8.GetString(body).Should().Be(Vector("legacy-done").GetProperty("body").GetString());
    }

    [Fact]
    public void TestBody_MatchesVectorBody()
    {
        var expected = Vector("v1-webhook-test").GetProperty("body").GetString();

        Encoding.UTF8.GetString(WebhookPayloads.TestBody()).Should().Be(expected);
    }

    private static JsonElement Vector(string name) =>
        Vectors.GetProperty("vectors").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);
}
