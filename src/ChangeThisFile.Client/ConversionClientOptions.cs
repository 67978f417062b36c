namespace ChangeThisFile.Client;

/// <summary>
/// Settings of a ChangeThisFile client, bound from configuration (for example the
/// <c>ChangeThisFile</c> section) and validated when the host starts.
/// </summary>
/// <remarks>
/// Every timeout accepts <see cref="Timeout.InfiniteTimeSpan"/> to turn it off. Finite values are
/// limited: <see cref="AttemptTimeout"/> to 1 hour, the other timeouts to 12 hours, and the retry
/// delays to 1 hour, so that a bare number in configuration (read as days) fails validation
/// instead of waiting for days. In configuration, write durations as <c>hh:mm:ss</c>. The client sets
/// <see cref="HttpClient.Timeout"/> to infinite and applies these limits itself, so a long upload
/// or download is bounded by its transfer timeout, never by the 100 s default of
/// <see cref="HttpClient"/>.
/// </remarks>
public sealed class ConversionClientOptions
{
    /// <summary>The environment variable read when <see cref="ApiKey"/> is not set: <c>CTF_API_KEY</c>.</summary>
    public const string ApiKeyEnvironmentVariable = "CTF_API_KEY";

    /// <summary>The default of <see cref="MaxRetryAttempts"/>: 3 retries after the first attempt.</summary>
    public const int DefaultMaxRetryAttempts = 3;

    /// <summary>The largest accepted <see cref="MaxRetryAttempts"/>: 10.</summary>
    public const int MaxAllowedRetryAttempts = 10;

    /// <summary>The default API origin: <c>https://changethisfile.com/</c>.</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://changethisfile.com/");

    /// <summary>The default of <see cref="AttemptTimeout"/>: 30 seconds.</summary>
    public static TimeSpan DefaultAttemptTimeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="TotalTimeout"/>: 3 minutes.</summary>
    public static TimeSpan DefaultTotalTimeout { get; } = TimeSpan.FromMinutes(3);

    /// <summary>The default of <see cref="UploadTimeout"/>: 30 minutes.</summary>
    public static TimeSpan DefaultUploadTimeout { get; } = TimeSpan.FromMinutes(30);

    /// <summary>The default of <see cref="DownloadTimeout"/>: 30 minutes.</summary>
    public static TimeSpan DefaultDownloadTimeout { get; } = TimeSpan.FromMinutes(30);

    /// <summary>The default of <see cref="RetryBaseDelay"/>: 1 second.</summary>
    public static TimeSpan DefaultRetryBaseDelay { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The default of <see cref="MaxRetryDelay"/>: 30 seconds.</summary>
    public static TimeSpan DefaultMaxRetryDelay { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The default of <see cref="MaxRetryAfter"/>: 60 seconds.</summary>
    public static TimeSpan DefaultMaxRetryAfter { get; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The secret API key (<c>ctf_sk_...</c>) sent as <c>Authorization: Bearer</c>. When not set,
    /// the client reads the <c>CTF_API_KEY</c> environment variable. Required.
    /// </summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// The API origin, default <c>https://changethisfile.com/</c>. Routes such as <c>v1/jobs</c> are
    /// resolved against it, so a path prefix is kept. Plain <c>http</c> is accepted only for
    /// loopback hosts such as a local emulator.
    /// </summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>
    /// The time one attempt of a request may take to receive response headers, default 30 s. For
    /// downloads it bounds the wait for the headers only, not the transfer of the body.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = DefaultAttemptTimeout;

    /// <summary>
    /// The time a control call (job status, job list, account endpoints) may take in all, retries
    /// and waits between them included, default 3 minutes. Uploads and downloads use their
    /// transfer timeouts instead.
    /// </summary>
    public TimeSpan TotalTimeout { get; set; } = DefaultTotalTimeout;

    /// <summary>
    /// The time one upload attempt (<c>POST /v1/convert</c> or a job submitted by upload) may take
    /// to send its body and receive the response headers, default 30 minutes.
    /// </summary>
    public TimeSpan UploadTimeout { get; set; } = DefaultUploadTimeout;

    /// <summary>
    /// The time one download may take, response headers and the whole body included, default
    /// 30 minutes.
    /// </summary>
    public TimeSpan DownloadTimeout { get; set; } = DefaultDownloadTimeout;

    /// <summary>
    /// How many times a failed attempt is retried (connection failures, attempt timeouts, HTTP
    /// 408, 429 and 5xx), default 3, at most 10. Zero turns the built-in retry off, for
    /// applications that add their own resilience handler.
    /// </summary>
    public int MaxRetryAttempts { get; set; } = DefaultMaxRetryAttempts;

    /// <summary>
    /// The delay before the first retry when the response carries no <c>Retry-After</c>, default
    /// 1 s. It doubles with each retry up to <see cref="MaxRetryDelay"/>, and each wait is drawn
    /// at random between half and all of that value.
    /// </summary>
    public TimeSpan RetryBaseDelay { get; set; } = DefaultRetryBaseDelay;

    /// <summary>The largest delay between retries computed by back-off, default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = DefaultMaxRetryDelay;

    /// <summary>
    /// The longest <c>Retry-After</c> the client waits for before retrying, default 60 s. A
    /// response asking for a longer wait is not retried; its <see cref="ConversionApiException"/>
    /// carries the requested <see cref="ConversionApiException.RetryAfter"/>.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = DefaultMaxRetryAfter;

    /// <summary>
    /// Product tokens appended to the client's <c>User-Agent</c>, such as <c>MyApp/1.2</c>.
    /// </summary>
    public string? UserAgentSuffix { get; set; }

    /// <summary>
    /// Hosts, as <c>host</c> or <c>host:port</c>, from which results may be downloaded even though
    /// they are not the API's origin and would otherwise be rejected: plain <c>http</c>, or a host
    /// that resolves to a loopback, private or link-local address (for example a storage emulator
    /// or an internal mirror). Public <c>https</c> hosts need no entry.
    /// </summary>
    public IList<string> TrustedDownloadHosts { get; } = new List<string>();
}
