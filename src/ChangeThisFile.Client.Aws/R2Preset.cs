using Amazon.Runtime;
using Amazon.S3;

namespace ChangeThisFile.Client.Aws;

/// <summary>
/// The S3 client settings that Cloudflare R2 accepts. R2 rejects streaming SigV4 payload signing
/// (<c>aws-chunked</c> bodies) and the checksums that AWS SDKs add by default, with 501 or 403.
/// </summary>
/// <remarks>
/// The preset signs with region <see cref="Region"/>, computes request checksums and validates
/// response checksums only when an operation requires them (so presigned URLs carry no checksum
/// parameters), and addresses buckets in the path. <see cref="S3ObjectStorage"/> also writes every
/// object with chunk encoding off, whoever built the client.
/// </remarks>
public static class R2Preset
{
    /// <summary>The signing region R2 expects.</summary>
    public const string Region = "auto";

    /// <summary>Creates a client configuration for an R2 endpoint.</summary>
    /// <param name="serviceUrl">The account endpoint, such as
    /// <c>https://ACCOUNT_ID.r2.cloudflarestorage.com</c>.</param>
    /// <returns>A new configuration with the preset applied.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceUrl"/> is null.</exception>
    public static AmazonS3Config CreateConfig(Uri serviceUrl)
    {
        ArgumentNullException.ThrowIfNull(serviceUrl);
        var config = new AmazonS3Config { ServiceURL = serviceUrl.ToString() };
        Apply(config);
        return config;
    }

    /// <summary>Applies the preset to a configuration that an application builds itself.</summary>
    /// <param name="config">The configuration to change.</param>
    /// <exception cref="ArgumentNullException"><paramref name="config"/> is null.</exception>
    public static void Apply(AmazonS3Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.AuthenticationRegion = Region;
        config.ForcePathStyle = true;
        config.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
        config.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
    }

    /// <summary>Returns whether a client's configuration has the checksum settings R2 needs.</summary>
    /// <param name="config">The configuration of an existing client.</param>
    public static bool IsApplied(IClientConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return config.RequestChecksumCalculation == RequestChecksumCalculation.WHEN_REQUIRED &&
            config.ResponseChecksumValidation == ResponseChecksumValidation.WHEN_REQUIRED &&
            string.Equals(config.AuthenticationRegion, Region, StringComparison.Ordinal);
    }
}
