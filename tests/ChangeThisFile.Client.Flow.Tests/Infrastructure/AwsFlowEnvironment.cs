using Amazon.Runtime;
using Amazon.S3;
using ChangeThisFile.Client.Aws;
using ChangeThisFile.Client.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace ChangeThisFile.Client.Flow.Tests.Infrastructure;

/// <summary>S3 storage on s3rver and the DynamoDB record store on dynalite, both on 127.0.0.1.</summary>
/// <remarks>s3rver checks the access key and expiry of presigned URLs but not their signature.</remarks>
public sealed class AwsFlowEnvironment : FlowEnvironment
{
    private readonly S3rverFixture _s3 = new();
    private readonly DynaliteFixture _dynamo = new();

    protected override async Task ConfigureStorageAsync(IServiceCollection services, Uri baseUrl)
    {
        await _s3.InitializeAsync();
        await _dynamo.InitializeAsync();
        var bucket = TestNames.Unique("flow");
        var config = new AmazonS3Config
        {
            ServiceURL = _s3.Url.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = S3rverFixture.Region,
        };
        using (var client = new AmazonS3Client(
            new BasicAWSCredentials(S3rverFixture.AccessKey, S3rverFixture.AccessKey), config))
        {
            await client.PutBucketAsync(bucket);
        }

        services.AddS3ObjectStorage(options =>
        {
            options.BucketName = bucket;
            options.ServiceUrl = _s3.Url.ToString();
            options.ForcePathStyle = true;
            options.Region = S3rverFixture.Region;
            options.AccessKeyId = S3rverFixture.AccessKey;
            options.SecretAccessKey = S3rverFixture.AccessKey;
        });
        services.AddDynamoDbConversionRecordStore(options =>
        {
            options.TableName = TestNames.Unique("flow-records");
            options.ServiceUrl = _dynamo.Url.ToString();
            options.Region = DynaliteFixture.Region;
            options.AccessKeyId = "local";
            options.SecretAccessKey = "local";
            options.CreateTableIfMissing = true;
        });
    }

    protected override async Task DisposeStorageAsync()
    {
        await _s3.DisposeAsync();
        await _dynamo.DisposeAsync();
    }
}
