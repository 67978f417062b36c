using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using ChangeThisFile.Client.Benchmarks.Payloads;
using ChangeThisFile.Client.Webhooks;
using Microsoft.AspNetCore.Http;
using Octokit.Webhooks;
using StandardWebhooks;
using Stripe;

namespace ChangeThisFile.Client.Benchmarks.Webhooks;

/// <summary>
/// Verifying one signed webhook body: ours, the limit (one <see cref="HMACSHA256.HashData(byte[], byte[])"/>
/// and one constant-time compare over prepared bytes), a lower floor that reuses one keyed
/// <see cref="IncrementalHash"/>, and three verifiers from NuGet, each with its own scheme.
/// </summary>
/// <remarks>
/// Every verifier reads the clock where its scheme has a timestamp, and every call succeeds;
/// <see cref="GlobalSetup"/> checks that before anything is timed.
/// </remarks>
[MemoryDiagnoser]
public class VerificationBenchmarks
{
    private const string StandardWebhooksKey = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string GitHubSecret = "github-benchmark-secret";

    private byte[] _body = [];
    private string _bodyText = "";
    private string _ourHeader = "";
    private WebhookSignatureVerifier _verifier = null!;

    private byte[] _limitKey = [];
    private byte[] _limitMessage = [];
    private byte[] _limitSignature = [];
    private byte[] _limitPrefix = [];
    private IncrementalHash _reusedHmac = null!;

    private string _stripeHeader = "";
    private StandardWebhook _standardWebhook = null!;
    private HeaderDictionary _standardHeaders = null!;
    private string _gitHubHeader = "";

    /// <summary>The body size in bytes.</summary>
    [Params(1024, 64 * 1024)]
    public int BodySize { get; set; }

    [GlobalSetup]
    public void GlobalSetup()
    {
        _body = SamplePayloads.CompletedEvent(BodySize);
        _bodyText = Encoding.UTF8.GetString(_body);
        var now = DateTimeOffset.UtcNow;
        var timestamp = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        _ourHeader = WebhookSigner.CreateSignatureHeader(SamplePayloads.WebhookSecret, _body, now);
        _verifier = new WebhookSignatureVerifier(
            new WebhookVerificationOptions { Secrets = [SamplePayloads.WebhookSecret] });
        SetUpLimit(timestamp);

        var stripeSignature = EventUtility.ComputeSignature(SamplePayloads.WebhookSecret, timestamp, _bodyText);
        _stripeHeader = $"t={timestamp},v1={stripeSignature}";

        _standardWebhook = new StandardWebhook(StandardWebhooksKey);
        _standardHeaders = new HeaderDictionary
        {
            ["webhook-id"] = "msg_2b9e6c1a7d42",
            ["webhook-timestamp"] = timestamp,
            ["webhook-signature"] = _standardWebhook.Sign("msg_2b9e6c1a7d42", now, _bodyText),
        };

        _gitHubHeader = WebhookSigner.CreateLegacySignatureHeader(GitHubSecret, _body);
        CheckEveryVerifierAccepts();
    }

    [Benchmark(Baseline = true, Description = "Limit: HMACSHA256.HashData + FixedTimeEquals")]
    public bool Limit()
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_limitKey, _limitMessage, mac);
        return CryptographicOperations.FixedTimeEquals(mac, _limitSignature);
    }

    [Benchmark(Description = "Floor: reused keyed IncrementalHash + FixedTimeEquals")]
    public bool ReusedHmac()
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        _reusedHmac.AppendData(_limitPrefix);
        _reusedHmac.AppendData(_body);
        _reusedHmac.GetHashAndReset(mac);
        return CryptographicOperations.FixedTimeEquals(mac, _limitSignature);
    }

    [GlobalCleanup]
    public void GlobalCleanup() => _reusedHmac.Dispose();

    [Benchmark(Description = "Ours: Verify(bytes)")]
    public bool OursBytes() => _verifier.Verify(_body, _ourHeader).IsValid;

    [Benchmark(Description = "Ours: Verify(string)")]
    public bool OursString() => _verifier.Verify(_bodyText, _ourHeader).IsValid;

    [Benchmark(Description = "Stripe.net: EventUtility.ValidateSignature(string)")]
    public bool Stripe()
    {
        EventUtility.ValidateSignature(_bodyText, _stripeHeader, SamplePayloads.WebhookSecret);
        return true;
    }

    [Benchmark(Description = "StandardWebhooks: StandardWebhook.Verify(string)")]
    public bool StandardWebhooks()
    {
        _standardWebhook.Verify(_bodyText, _standardHeaders);
        return true;
    }

    [Benchmark(Description = "Octokit.Webhooks: WebhookSignatureValidator.Verify(bytes)")]
    public bool Octokit() =>
        WebhookSignatureValidator.Verify(_gitHubHeader, GitHubSecret, _body) == WebhookSignatureValidationResult.Valid;

    /// <summary>
    /// Prepares what the limit needs outside the timed call: the v1 key (ASCII lowercase hex of
    /// SHA-256 of the secret, derived once as the verifier caches it), the signed message
    /// <c>t.body</c> and the decoded signature.
    /// </summary>
    private void SetUpLimit(string timestamp)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(SamplePayloads.WebhookSecret));
        _limitKey = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(digest));
        _limitPrefix = Encoding.ASCII.GetBytes(timestamp + ".");
        _limitMessage = [.. _limitPrefix, .. _body];
        _reusedHmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _limitKey);
        var v1 = _ourHeader[(_ourHeader.IndexOf("v1=", StringComparison.Ordinal) + 3)..];
        _limitSignature = Convert.FromHexString(v1);
    }

    private void CheckEveryVerifierAccepts()
    {
        var checks = new (string Name, Func<bool> Verify)[]
        {
            ("limit", Limit), ("floor", ReusedHmac), ("ours (bytes)", OursBytes), ("ours (string)", OursString), ("Stripe.net", Stripe),
            ("StandardWebhooks", StandardWebhooks), ("Octokit.Webhooks", Octokit),
        };
        foreach (var (name, verify) in checks)
        {
            if (!verify())
            {
                throw new InvalidOperationException($"The {name} verifier rejected its own signed body.");
            }
        }
    }
}
