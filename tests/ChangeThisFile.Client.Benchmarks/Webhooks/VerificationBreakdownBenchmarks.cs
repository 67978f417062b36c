using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using ChangeThisFile.Client.Benchmarks.Payloads;
using ChangeThisFile.Client.Webhooks;

namespace ChangeThisFile.Client.Benchmarks.Webhooks;

/// <summary>
/// The steps of one v1 verification timed one by one, to show where the time above the bare
/// HMAC goes: the one-shot HMAC against a reused keyed one, parsing the header, reading the
/// clock, the message copy that the verifier made before it reused keyed HMACs, and the whole
/// call on an empty body.
/// </summary>
[MemoryDiagnoser]
public class VerificationBreakdownBenchmarks
{
    private readonly byte[] _signatures = new byte[WebhookSignatureHeader.SignatureBufferSize];
    private byte[] _body = [];
    private string _header = "";
    private string _emptyBodyHeader = "";
    private WebhookSignatureVerifier _verifier = null!;
    private byte[] _key = [];
    private byte[] _message = [];
    private IncrementalHash _reusedHmac = null!;

    [Params(1024, 64 * 1024)]
    public int BodySize { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _body = SamplePayloads.CompletedEvent(BodySize);
        var now = DateTimeOffset.UtcNow;
        _header = WebhookSigner.CreateSignatureHeader(SamplePayloads.WebhookSecret, _body, now);
        _emptyBodyHeader = WebhookSigner.CreateSignatureHeader(SamplePayloads.WebhookSecret, [], now);
        _verifier = new WebhookSignatureVerifier(
            new WebhookVerificationOptions { Secrets = [SamplePayloads.WebhookSecret] });
        _key = WebhookKeys.DeriveV1Key(SamplePayloads.WebhookSecret);
        _message = [.. "1796405127."u8, .. _body];
        _reusedHmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _reusedHmac.Dispose();

    [Benchmark(Baseline = true, Description = "HMACSHA256.HashData of t.body")]
    public int HmacOneShot()
    {
        Span<byte> mac = stackalloc byte[32];
        return HMACSHA256.HashData(_key, _message, mac);
    }

    [Benchmark(Description = "Reused IncrementalHash: t. then body")]
    public int HmacReused()
    {
        Span<byte> mac = stackalloc byte[32];
        _reusedHmac.AppendData("1796405127."u8);
        _reusedHmac.AppendData(_body);
        return _reusedHmac.GetHashAndReset(mac);
    }

    [Benchmark(Description = "Parse the X-CTF-Signature header")]
    public int ParseHeader() => WebhookSignatureHeader.Parse(_header, _signatures).SignatureCount;

    [Benchmark(Description = "Read the clock (TimeProvider.System)")]
    public long ReadClock() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

    [Benchmark(Description = "Assemble t.body in a pooled buffer (no longer done)")]
    public int AssembleMessage()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(_body.Length + 11);
        Encoding.ASCII.GetBytes("1796405127.", buffer);
        _body.CopyTo(buffer, 11);
        ArrayPool<byte>.Shared.Return(buffer);
        return buffer.Length;
    }

    [Benchmark(Description = "HMACSHA256.HashData of an empty message")]
    public int HmacEmpty()
    {
        Span<byte> mac = stackalloc byte[32];
        return HMACSHA256.HashData(_key, ReadOnlySpan<byte>.Empty, mac);
    }

    [Benchmark(Description = "Verify an empty body")]
    public bool VerifyEmpty() => _verifier.Verify(ReadOnlySpan<byte>.Empty, _emptyBodyHeader).IsValid;
}
