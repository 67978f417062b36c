namespace ChangeThisFile.Client.Flow;

/// <summary>
/// Settings of the four-step conversion flow, usually bound from the <c>ConversionFlow</c>
/// configuration section and validated when the host starts.
/// </summary>
public sealed class ConversionFlowOptions
{
    /// <summary>The configuration section that hosts bind by convention: <c>ConversionFlow</c>.</summary>
    public const string SectionName = "ConversionFlow";

    /// <summary>The default <see cref="InputKeyPrefix"/>: <c>uploads/</c>.</summary>
    public const string DefaultInputKeyPrefix = "uploads/";

    /// <summary>The default <see cref="OutputKeyPrefix"/>: <c>results/</c>.</summary>
    public const string DefaultOutputKeyPrefix = "results/";

    /// <summary>The default <see cref="MaxUploadSizeBytes"/>: 25 MiB, the API's free-plan file limit.</summary>
    public const long DefaultMaxUploadSizeBytes = 25L * 1024 * 1024;

    /// <summary>The default <see cref="MaxConflictRetries"/>: 5 attempts of a record update.</summary>
    public const int DefaultMaxConflictRetries = 5;

    /// <summary>The default <see cref="UploadUrlExpiry"/>: 15 minutes.</summary>
    public static readonly TimeSpan DefaultUploadUrlExpiry = TimeSpan.FromMinutes(15);

    /// <summary>The default <see cref="InputUrlExpiry"/>: 1 hour.</summary>
    public static readonly TimeSpan DefaultInputUrlExpiry = TimeSpan.FromHours(1);

    /// <summary>The default <see cref="DownloadUrlExpiry"/>: 15 minutes.</summary>
    public static readonly TimeSpan DefaultDownloadUrlExpiry = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The absolute URL of the application's webhook endpoint, sent with every job as
    /// <c>webhook_url</c>, such as <c>https://app.example.com/webhooks/changethisfile</c>. Required;
    /// plain <c>http</c> is accepted only for loopback hosts.
    /// </summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>
    /// The target formats users may request, as lowercase extensions such as <c>pdf</c> or
    /// <c>webp</c>. Required: a request for any other target is rejected with this list.
    /// </summary>
    public IList<string> AllowedTargets { get; } = new List<string>();

    /// <summary>
    /// The object key prefix of uploaded inputs, ending with <c>/</c>; default <c>uploads/</c>.
    /// Point storage upload events (such as an S3 trigger) at this prefix only.
    /// </summary>
    public string InputKeyPrefix { get; set; } = DefaultInputKeyPrefix;

    /// <summary>
    /// The object key prefix of stored results, ending with <c>/</c>; default <c>results/</c>. It
    /// must not overlap <see cref="InputKeyPrefix"/>, so a stored result never looks like an upload.
    /// </summary>
    public string OutputKeyPrefix { get; set; } = DefaultOutputKeyPrefix;

    /// <summary>How long the presigned upload URL stays valid; default 15 minutes, 1 second to 7 days.</summary>
    public TimeSpan UploadUrlExpiry { get; set; } = DefaultUploadUrlExpiry;

    /// <summary>
    /// The largest upload in bytes, default 25 MiB. A declared size above it is rejected, and the
    /// limit is signed into the upload URL where the storage can enforce it.
    /// </summary>
    public long MaxUploadSizeBytes { get; set; } = DefaultMaxUploadSizeBytes;

    /// <summary>
    /// How long the presigned download URL of the input stays valid; default 1 hour, 1 second to
    /// 7 days. The API fetches the file from it. A resubmission within this time sends the same URL
    /// again, so the API recognizes it as a repeat of the same request.
    /// </summary>
    public TimeSpan InputUrlExpiry { get; set; } = DefaultInputUrlExpiry;

    /// <summary>
    /// How long the download URL of a result, returned by the status step, stays valid; default
    /// 15 minutes, 1 second to 7 days.
    /// </summary>
    public TimeSpan DownloadUrlExpiry { get; set; } = DefaultDownloadUrlExpiry;

    /// <summary>
    /// The name of the ChangeThisFile client to use, as passed to <c>AddConversionClient(name, ...)</c>;
    /// empty or unset for the unnamed client.
    /// </summary>
    public string? ClientName { get; set; }

    /// <summary>
    /// How many times a step rereads a record and applies its change again after another writer
    /// changed the record first; default 5, 1 to 100.
    /// </summary>
    public int MaxConflictRetries { get; set; } = DefaultMaxConflictRetries;
}
