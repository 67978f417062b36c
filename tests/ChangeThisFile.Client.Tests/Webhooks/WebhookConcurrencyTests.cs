using System.Collections.Concurrent;
using System.Text;
using ChangeThisFile.Client.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Client.Tests.Webhooks;

/// <summary>
/// Checks that the verifier's per-thread HMAC objects never mix up keys, whether many threads
/// verify at once or the secrets change while they do.
/// </summary>
public sealed class WebhookConcurrencyTests
{
    private const string OldSecret = "whsec_concurrency_old_33cc";
    private const string NewSecret = "whsec_concurrency_new_44dd";
    private const int ThreadCount = 8;
    private const int DeliveriesPerThread = 400;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

    [Fact]
    public void Verify_ConfigurationReloaded_FollowsRotation()
    {
        var secrets = new SecretsSource(OldSecret);
        var configuration = new ConfigurationBuilder().Add(secrets).Build();
        using var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .AddConversionWebhookVerification(configuration)
            .BuildServiceProvider();
        var verifier = provider.GetRequiredService<WebhookSignatureVerifier>();
        var body = Body(0);
        var oldHeader = WebhookSigner.CreateSignatureHeader(OldSecret, body, Now);
        var newHeader = WebhookSigner.CreateSignatureHeader(NewSecret, body, Now);
        var before = (Old: verifier.Verify(body, oldHeader), New: verifier.Verify(body, newHeader));

        secrets.Set(NewSecret, OldSecret);
        configuration.Reload();
        var overlap = (Old: verifier.Verify(body, oldHeader), New: verifier.Verify(body, newHeader));
        secrets.Set(NewSecret);
        configuration.Reload();
        var after = (Old: verifier.Verify(body, oldHeader), New: verifier.Verify(body, newHeader));

        before.Old.MatchedSecretIndex.Should().Be(0);
        before.New.Status.Should().Be(WebhookVerificationStatus.NoMatchingSignature);
        overlap.Old.MatchedSecretIndex.Should().Be(1);
        overlap.New.MatchedSecretIndex.Should().Be(0);
        after.Old.Status.Should().Be(WebhookVerificationStatus.NoMatchingSignature);
        after.New.MatchedSecretIndex.Should().Be(0);
    }

    [Fact]
    public void Verify_ManyThreads_MatchesOwnSecret()
    {
        var verifier = WebhookVerifierFactory.Create([OldSecret, NewSecret], Now);
        var deliveries = Enumerable.Range(0, ThreadCount * DeliveriesPerThread)
            .Select(i => Delivery(i, i % 2 == 0 ? OldSecret : NewSecret))
            .ToArray();
        var mismatches = new ConcurrentBag<string>();

        RunOnThreads(thread =>
        {
            for (var i = thread; i < deliveries.Length; i += ThreadCount)
            {
                var (body, header) = deliveries[i];
                var valid = verifier.Verify(body, header);
                var tampered = verifier.Verify(Body(i + 1), header);
                if (valid.MatchedSecretIndex != i % 2 || tampered.IsValid)
                {
                    mismatches.Add(
                        $"delivery {i}: {valid.Status}/{valid.MatchedSecretIndex}, tampered {tampered.Status}");
                }
            }
        });

        mismatches.Should().BeEmpty();
    }

    [Fact]
    public void Verify_SecretRotatedDuringUse()
    {
        var monitor = new TestOptionsMonitor<WebhookVerificationOptions>(Options(OldSecret));
        var verifier = new WebhookSignatureVerifier(monitor, new FakeTimeProvider(Now));
        var (body, oldHeader) = Delivery(0, OldSecret);
        var newHeader = WebhookSigner.CreateSignatureHeader(NewSecret, body, Now);
        var unexpected = new ConcurrentBag<WebhookVerificationStatus>();
        using var rotated = new ManualResetEventSlim();
        var afterRotation = new ConcurrentBag<WebhookVerificationResult>();
        var verified = 0;

        RunOnThreads(thread =>
        {
            if (thread == 0)
            {
                SpinWait.SpinUntil(() => Volatile.Read(ref verified) >= DeliveriesPerThread, TimeSpan.FromSeconds(30));
                monitor.Set(Options(NewSecret));
                rotated.Set();
                return;
            }

            while (!rotated.IsSet)
            {
                var status = verifier.Verify(body, oldHeader).Status;
                Interlocked.Increment(ref verified);
                if (status is not (WebhookVerificationStatus.Valid or WebhookVerificationStatus.NoMatchingSignature))
                {
                    unexpected.Add(status);
                }
            }

            afterRotation.Add(verifier.Verify(body, oldHeader));
            afterRotation.Add(verifier.Verify(body, newHeader));
        });

        unexpected.Should().BeEmpty();
        afterRotation.Should().HaveCount((ThreadCount - 1) * 2);
        afterRotation.Count(result => result.IsValid).Should().Be(ThreadCount - 1);
        afterRotation.Where(result => result.IsValid).Should().OnlyContain(result => result.MatchedSecretIndex == 0);
    }

    private static void RunOnThreads(Action<int> work)
    {
        using var start = new Barrier(ThreadCount);
        var failures = new ConcurrentBag<Exception>();
        var threads = Enumerable.Range(0, ThreadCount).Select(index => new Thread(() =>
        {
            start.SignalAndWait();
            try
            {
                work(index);
            }
            catch (Exception exception)
            {
                failures.Add(exception);
            }
        })).ToList();

        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join(TimeSpan.FromSeconds(60)).Should().BeTrue("no thread may hang"));
        failures.Should().BeEmpty();
    }

    private static (byte[] Body, string Header) Delivery(int index, string secret)
    {
        var body = Body(index);
        return (body, WebhookSigner.CreateSignatureHeader(secret, body, Now));
    }

    private static byte[] Body(int index) =>
        Encoding.UTF8.GetBytes($"{{\"event\":\"job.completed\",\"data\":{{\"job_id\":\"job_{index:D6}\"}}}}");

    private static WebhookVerificationOptions Options(string secret) => new() { Secrets = [secret] };

    /// <summary>A configuration source whose secrets a test replaces before reloading the configuration.</summary>
    private sealed class SecretsSource(params string[] secrets) : ConfigurationProvider, IConfigurationSource
    {
        public void Set(params string[] replacement) => secrets = replacement;

        public override void Load() =>
            Data = secrets
                .Select((secret, index) => (Key: $"Secrets:{index}", Value: (string?)secret))
                .ToDictionary(item => item.Key, item => item.Value, StringComparer.OrdinalIgnoreCase);

        public IConfigurationProvider Build(IConfigurationBuilder builder) => this;
    }
}
