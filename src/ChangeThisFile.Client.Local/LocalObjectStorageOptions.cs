namespace ChangeThisFile.Client.Local;

/// <summary>Settings of <see cref="LocalObjectStorage"/>, usually bound from the <c>LocalStorage</c> section.</summary>
public sealed class LocalObjectStorageOptions
{
    /// <summary>
    /// The configuration section that <c>AddLocalObjectStorage(IConfiguration)</c> reads by convention.
    /// </summary>
    public const string SectionName = "LocalStorage";

    /// <summary>The folder for the objects; created when missing. Required.</summary>
    public string RootPath { get; set; } = string.Empty;

    /// <summary>
    /// The absolute URL at which the host maps the storage endpoint, such as
    /// <c>https://app.example.com/storage</c> for <c>app.MapLocalObjectStorage("/storage")</c>. Presigned
    /// URLs start with it, so the browser and the conversion API must be able to reach it. Required.
    /// </summary>
    public string PublicBaseUrl { get; set; } = string.Empty;

    /// <summary>
    /// The HMAC-SHA256 key that signs presigned URLs, as base64 of at least
    /// <see cref="MinSigningKeyBytes"/> random bytes (for example the output of
    /// <c>openssl rand -base64 32</c>). Keep it secret and stable: changing it invalidates issued URLs. Required.
    /// </summary>
    public string SigningKey { get; set; } = string.Empty;

    /// <summary>The shortest signing key accepted, in bytes.</summary>
    public const int MinSigningKeyBytes = 32;
}
