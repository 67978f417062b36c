using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;

namespace ChangeThisFile.Client.Aws;

/// <summary>Builds SDK clients from the adapter options.</summary>
internal static class AwsClientFactory
{
    public static AmazonS3Client CreateS3Client(S3ObjectStorageOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            // Harmless on AWS, and the only setting R2 and older S3-compatible servers accept.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        Configure(config, options.ServiceUrl, options.Region);
        if (options.Provider == S3Provider.R2)
        {
            R2Preset.Apply(config);
        }

        return Credentials(options.AccessKeyId, options.SecretAccessKey) is { } credentials
            ? new AmazonS3Client(credentials, config)
            : new AmazonS3Client(config);
    }

    public static AmazonDynamoDBClient CreateDynamoDbClient(DynamoDbRecordStoreOptions options)
    {
        var config = new AmazonDynamoDBConfig();
        Configure(config, options.ServiceUrl, options.Region);
        return Credentials(options.AccessKeyId, options.SecretAccessKey) is { } credentials
            ? new AmazonDynamoDBClient(credentials, config)
            : new AmazonDynamoDBClient(config);
    }

    private static void Configure(ClientConfig config, string? serviceUrl, string? region)
    {
        if (!string.IsNullOrWhiteSpace(serviceUrl))
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(region) ? null : region;
        }
        else if (!string.IsNullOrWhiteSpace(region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
    }

    private static BasicAWSCredentials? Credentials(string? accessKeyId, string? secretAccessKey) =>
        string.IsNullOrEmpty(accessKeyId) ? null : new BasicAWSCredentials(accessKeyId, secretAccessKey);
}
