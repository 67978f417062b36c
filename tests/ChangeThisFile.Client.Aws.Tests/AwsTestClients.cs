using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using ChangeThisFile.Client.Testing.Servers;

namespace ChangeThisFile.Client.Aws.Tests;

/// <summary>SDK clients for the local servers, always with explicit credentials and region.</summary>
internal static class AwsTestClients
{
    public static AmazonS3Config S3Config(S3rverFixture server) => new()
    {
        ServiceURL = server.Url.ToString(),
        ForcePathStyle = true,
        AuthenticationRegion = S3rverFixture.Region,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
    };

    public static AmazonS3Client S3(S3rverFixture server, AmazonS3Config? config = null) =>
        new(new BasicAWSCredentials(S3rverFixture.AccessKey, S3rverFixture.AccessKey), config ?? S3Config(server));

    public static async Task<string> CreateBucketAsync(IAmazonS3 client, string prefix)
    {
        var bucket = TestNames.Unique(prefix);
        await client.PutBucketAsync(bucket);
        return bucket;
    }

    public static AmazonDynamoDBClient DynamoDb(DynaliteFixture server) => new(
        new BasicAWSCredentials("local", "local"),
        new AmazonDynamoDBConfig { ServiceURL = server.Url.ToString(), AuthenticationRegion = DynaliteFixture.Region });
}
