namespace ChangeThisFile.Client.Aws;

/// <summary>Settings of <see cref="S3ObjectStorage"/>, usually bound from the <c>S3Storage</c> section.</summary>
public sealed class S3ObjectStorageOptions
{
    /// <summary>The configuration section that <c>AddS3ObjectStorage(IConfiguration)</c> reads by convention.</summary>
    public const string SectionName = "S3Storage";

    /// <summary>The default size of each part of a streamed multipart upload: 8 MiB.</summary>
    public const int DefaultPartSizeBytes = 8 * 1024 * 1024;

    /// <summary>The smallest part S3 accepts except the last: 5 MiB.</summary>
    public const int MinPartSizeBytes = 5 * 1024 * 1024;

    /// <summary>The bucket for the objects. Required.</summary>
    public string BucketName { get; set; } = string.Empty;

    /// <summary>Which service the bucket lives on; <see cref="S3Provider.Aws"/> by default.</summary>
    public S3Provider Provider { get; set; } = S3Provider.Aws;

    /// <summary>
    /// The AWS region, such as <c>eu-west-1</c>. Required for <see cref="S3Provider.Aws"/> without a
    /// <see cref="ServiceUrl"/>; <see cref="R2Preset.Region"/> (<c>auto</c>) for R2 when unset.
    /// </summary>
    public string? Region { get; set; }

    /// <summary>
    /// The endpoint of an S3-compatible service, such as <c>https://ACCOUNT_ID.r2.cloudflarestorage.com</c>
    /// for R2 (required there) or a local test server. Unset for AWS itself.
    /// </summary>
    public string? ServiceUrl { get; set; }

    /// <summary>
    /// Whether to address the bucket in the path instead of the host name; needed by most local servers.
    /// </summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>
    /// An access key id. Leave unset (with <see cref="SecretAccessKey"/>) to use the default credential
    /// chain, such as the Lambda execution role.
    /// </summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The secret access key that goes with <see cref="AccessKeyId"/>. Keep it in a secret store.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>
    /// The size of each part when a forward-only stream is written, in bytes; one part is buffered at a
    /// time. Default <see cref="DefaultPartSizeBytes"/>, at least <see cref="MinPartSizeBytes"/>.
    /// </summary>
    public int PartSizeBytes { get; set; } = DefaultPartSizeBytes;
}

/// <summary>The S3 service an <see cref="S3ObjectStorage"/> talks to.</summary>
public enum S3Provider
{
    /// <summary>Amazon S3, or an S3-compatible server that accepts its defaults.</summary>
    Aws,

    /// <summary>Cloudflare R2, with the settings of <see cref="R2Preset"/>.</summary>
    R2,
}
