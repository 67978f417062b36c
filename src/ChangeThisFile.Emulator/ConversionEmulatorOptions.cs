using System.Globalization;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Emulator;

/// <summary>
/// Settings of a <see cref="ConversionEmulator"/>: address, credentials, limits, timings,
/// the webhook form and the initial fault settings.
/// </summary>
/// <remarks>
/// Every value has a default, so <c>new ConversionEmulatorOptions()</c> starts a working
/// emulator on a free port. The process reads the same settings from the <c>Emulator</c>
/// configuration section.
/// </remarks>
public sealed class ConversionEmulatorOptions
{
    /// <summary>The well-known API key accepted when <see cref="ApiKeys"/> is empty.</summary>
    public const string DefaultApiKey = "ctf_sk_emulator_local_development_key";

    /// <summary>The well-known webhook secret used when <see cref="WebhookSecret"/> is not set.</summary>
    public const string DefaultWebhookSecret = "whsec_emulator_local_development_secret";

    /// <summary>Default upload size cap in bytes: 25 MiB, the documented free-plan limit.</summary>
    public const long DefaultMaxFileSizeBytes = 25L * 1024 * 1024;

    /// <summary>Default number of authenticated requests allowed per API key per minute.</summary>
    public const int DefaultRateLimitPerMinute = 1000;

    /// <summary>Default number of conversions allowed per account per calendar month (UTC).</summary>
    public const int DefaultMonthlyConversionLimit = 1000;

    /// <summary>Default number of jobs converted at the same time.</summary>
    public const int DefaultMaxConcurrentJobs = 2;

    /// <summary>Default lifetime of a signed result URL: 24 hours.</summary>
    public static readonly TimeSpan DefaultResultUrlLifetime = TimeSpan.FromHours(24);

    /// <summary>Default time a response stays replayable for its <c>Idempotency-Key</c>: 24 hours.</summary>
    public static readonly TimeSpan DefaultIdempotencyWindow = TimeSpan.FromHours(24);

    /// <summary>Default time a job record is kept before look-ups return 404: 7 days.</summary>
    public static readonly TimeSpan DefaultJobRetention = TimeSpan.FromDays(7);

    /// <summary>Default time allowed for one webhook delivery attempt: 10 seconds.</summary>
    public static readonly TimeSpan DefaultWebhookTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default time allowed for fetching a job's <c>file_url</c>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultFileFetchTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The largest accepted <see cref="MaxFileSizeBytes"/>: 1 TiB.</summary>
    public const long MaxFileSizeLimitBytes = 1L << 40;

    /// <summary>
    /// The longest timeout or delay accepted: 24 days, below the 2^31 milliseconds that .NET
    /// timers support.
    /// </summary>
    public static readonly TimeSpan MaxTimerDuration = TimeSpan.FromDays(24);

    /// <summary>The longest lifetime, window or retention accepted: 100 years.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(36500);

    /// <summary>
    /// The delays before the second, third and fourth webhook delivery attempts: 30 seconds,
    /// 5 minutes and 30 minutes, before scaling by <see cref="WebhookRetryScale"/>.
    /// </summary>
    public static IReadOnlyList<TimeSpan> WebhookRetryDelays { get; } =
        [TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30)];

    /// <summary>The TCP port on 127.0.0.1 to listen on; 0 (the default) picks a free port.</summary>
    public int Port { get; set; }

    /// <summary>
    /// The API keys accepted as <c>Authorization: Bearer</c> credentials of the default account.
    /// When empty, <see cref="DefaultApiKey"/> is accepted.
    /// </summary>
    public IList<string> ApiKeys { get; } = new List<string>();

    /// <summary>
    /// The default account's webhook signing secret; <see cref="DefaultWebhookSecret"/> when not set.
    /// <c>POST /v1/webhooks/secret</c> replaces it at run time.
    /// </summary>
    public string? WebhookSecret { get; set; }

    /// <summary>
    /// The webhook payload and signature form; <see cref="WebhookSignatureForm.Current"/>
    /// by default.
    /// </summary>
    public WebhookSignatureForm SignatureForm { get; set; } = WebhookSignatureForm.Current;

    /// <summary>
    /// The largest accepted input file in bytes; larger uploads and fetches get 413
    /// <c>file_too_large</c>.
    /// </summary>
    public long MaxFileSizeBytes { get; set; } = DefaultMaxFileSizeBytes;

    /// <summary>
    /// Authenticated requests allowed per API key per clock minute; more get 429
    /// <c>rate_limited</c>.
    /// </summary>
    public int RateLimitPerMinute { get; set; } = DefaultRateLimitPerMinute;

    /// <summary>
    /// Conversions allowed per account per calendar month; more get 429
    /// <c>quota_exceeded</c>.
    /// </summary>
    public int MonthlyConversionLimit { get; set; } = DefaultMonthlyConversionLimit;

    /// <summary>
    /// The factor applied to <see cref="WebhookRetryDelays"/>: 1 (the default) keeps the real
    /// schedule, 0.001 turns 30 s, 5 min and 30 min into 30 ms, 300 ms and 1.8 s, 0 retries at once.
    /// </summary>
    public double WebhookRetryScale { get; set; } = 1;

    /// <summary>Time allowed for one webhook delivery attempt before it counts as failed.</summary>
    public TimeSpan WebhookTimeout { get; set; } = DefaultWebhookTimeout;

    /// <summary>Lifetime of the signed result URLs in job responses and webhooks; 403 after it.</summary>
    public TimeSpan ResultUrlLifetime { get; set; } = DefaultResultUrlLifetime;

    /// <summary>How long a successful response is replayed for the same <c>Idempotency-Key</c>.</summary>
    public TimeSpan IdempotencyWindow { get; set; } = DefaultIdempotencyWindow;

    /// <summary>How long a job record is kept; after it, <c>GET /v1/jobs/{id}</c> returns 404.</summary>
    public TimeSpan JobRetention { get; set; } = DefaultJobRetention;

    /// <summary>Time allowed for fetching a job's <c>file_url</c>, headers and body together.</summary>
    public TimeSpan FileFetchTimeout { get; set; } = DefaultFileFetchTimeout;

    /// <summary>Time a new job stays <c>queued</c> before a worker takes it; zero by default.</summary>
    public TimeSpan JobQueueDelay { get; set; }

    /// <summary>Extra time a job stays <c>processing</c> before it is converted; zero by default.</summary>
    public TimeSpan JobProcessingDelay { get; set; }

    /// <summary>Number of jobs converted at the same time.</summary>
    public int MaxConcurrentJobs { get; set; } = DefaultMaxConcurrentJobs;

    /// <summary>
    /// Whether <c>file_url</c> and <c>webhook_url</c> may name hosts other than 127.0.0.1, ::1
    /// and localhost. Off by default, so the emulator never calls beyond the machine.
    /// </summary>
    public bool AllowRemoteUrls { get; set; }

    /// <summary>
    /// The folder under which the emulator creates its own temporary folder for uploads and
    /// results; the system temporary folder when not set. The emulator's folder is deleted on dispose.
    /// </summary>
    public string? TempDirectory { get; set; }

    /// <summary>
    /// The initial fault settings, copied into each emulator's own <see cref="ConversionEmulator.Faults"/>.
    /// </summary>
    public EmulatorFaults Faults { get; } = new();

    /// <summary>
    /// The clock behind timestamps, rate-limit windows, URL expiry, idempotency windows and every
    /// emulator delay (job delays, webhook retries, injected latency).
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the emulator logs; nothing is logged when not set.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Checks every setting and returns one message per invalid value; empty when all are
    /// valid.
    /// </summary>
    /// <returns>The problems found, each naming the setting, its value and the accepted range.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();

        CheckRange(errors, nameof(Port), Port, 0, 65535);
        CheckRange(errors, nameof(MaxFileSizeBytes), MaxFileSizeBytes, 1, MaxFileSizeLimitBytes);
        CheckRange(errors, nameof(RateLimitPerMinute), RateLimitPerMinute, 1, int.MaxValue);
        CheckRange(errors, nameof(MonthlyConversionLimit), MonthlyConversionLimit, 1, int.MaxValue);
        CheckRange(errors, nameof(MaxConcurrentJobs), MaxConcurrentJobs, 1, 64);
        if (!(WebhookRetryScale >= 0 && WebhookRetryScale <= 1000))
        {
            errors.Add(Format("WebhookRetryScale is {0}; use a factor from 0 to 1000.", WebhookRetryScale));
        }

        CheckTime(errors, nameof(WebhookTimeout), WebhookTimeout, TimeSpan.FromTicks(1), MaxTimerDuration);
        CheckTime(errors, nameof(FileFetchTimeout), FileFetchTimeout, TimeSpan.FromTicks(1), MaxTimerDuration);
        CheckTime(errors, nameof(JobQueueDelay), JobQueueDelay, TimeSpan.Zero, MaxTimerDuration);
        CheckTime(errors, nameof(JobProcessingDelay), JobProcessingDelay, TimeSpan.Zero, MaxTimerDuration);
        CheckTime(errors, nameof(ResultUrlLifetime), ResultUrlLifetime, TimeSpan.FromTicks(1), MaxLifetime);
        CheckTime(errors, nameof(IdempotencyWindow), IdempotencyWindow, TimeSpan.FromTicks(1), MaxLifetime);
        CheckTime(errors, nameof(JobRetention), JobRetention, TimeSpan.FromTicks(1), MaxLifetime);
        CheckCredentials(errors);

        return errors;
    }

    /// <summary>
    /// Copies every setting, so that an emulator is not affected by later changes to the
    /// caller's object.
    /// </summary>
    internal ConversionEmulatorOptions Clone()
    {
        var copy = new ConversionEmulatorOptions
        {
            Port = Port,
            WebhookSecret = WebhookSecret,
            SignatureForm = SignatureForm,
            MaxFileSizeBytes = MaxFileSizeBytes,
            RateLimitPerMinute = RateLimitPerMinute,
            MonthlyConversionLimit = MonthlyConversionLimit,
            WebhookRetryScale = WebhookRetryScale,
            WebhookTimeout = WebhookTimeout,
            ResultUrlLifetime = ResultUrlLifetime,
            IdempotencyWindow = IdempotencyWindow,
            JobRetention = JobRetention,
            FileFetchTimeout = FileFetchTimeout,
            JobQueueDelay = JobQueueDelay,
            JobProcessingDelay = JobProcessingDelay,
            MaxConcurrentJobs = MaxConcurrentJobs,
            AllowRemoteUrls = AllowRemoteUrls,
            TempDirectory = TempDirectory,
            TimeProvider = TimeProvider,
            LoggerFactory = LoggerFactory,
        };
        foreach (var key in ApiKeys)
        {
            copy.ApiKeys.Add(key);
        }

        copy.Faults.CopySettingsFrom(Faults);
        return copy;
    }

    private void CheckCredentials(List<string> errors)
    {
        foreach (var key in ApiKeys)
        {
            if (string.IsNullOrWhiteSpace(key) || key.Any(char.IsWhiteSpace))
            {
                errors.Add(
                    "ApiKeys contains an empty key or a key with white space; use keys such as 'ctf_sk_test_1'.");
            }
        }

        if (WebhookSecret is not null && WebhookSecret.Length == 0)
        {
            errors.Add("WebhookSecret is empty; leave it unset for the default or use a value such as 'whsec_test'.");
        }

        if (TimeProvider is null)
        {
            errors.Add("TimeProvider is null; leave it unset for the system clock.");
        }
    }

    private static void CheckRange(List<string> errors, string name, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            errors.Add(Format("{0} is {1}; use a value from {2} to {3}.", name, value, min, max));
        }
    }

    private static void CheckTime(List<string> errors, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            var lowest = min == TimeSpan.Zero ? "zero" : "a positive time";
            errors.Add(Format("{0} is {1}; use {2} up to {3}, such as 00:00:30.", name, value, lowest, max));
        }
    }

    private static string Format(string format, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}
