using Amazon.S3;
using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Testing.Servers;
using ChangeThisFile.Client.Testing.Storage;

namespace ChangeThisFile.Client.Aws.Tests;

/// <summary>
/// Runs the storage contract against <see cref="S3ObjectStorage"/> on s3rver. s3rver 3.7.1 checks the
/// access key and expiry of presigned URLs but not their signature, so it accepts a mismatched
/// Content-Type, and a URL signed for GET used as a PUT, both of which Amazon S3 rejects with
/// 403 SignatureDoesNotMatch.
/// </summary>
public sealed class S3ObjectStorageContractTests(S3rverFixture server)
    : ObjectStorageContractTests, IClassFixture<S3rverFixture>
{
    private AmazonS3Client? _client;

    protected override ObjectStorageCapabilities Capabilities { get; } = new()
    {
        ChecksUploadContentType = false,
        VerifiesSignature = false,
        ChecksUploadMaxSize = false,
        SetsDownloadFileName = true,
        ExpiryClock = PresignedExpiryClock.WallClock,
        StreamsWrites = true,
    };

    protected override async Task<IObjectStorage> CreateStorageAsync()
    {
        _client = AwsTestClients.S3(server);
        var bucket = await AwsTestClients.CreateBucketAsync(_client, "contract");
        return new S3ObjectStorage(_client, new S3ObjectStorageOptions { BucketName = bucket });
    }

    protected override Task DisposeStorageAsync()
    {
        _client?.Dispose();
        return Task.CompletedTask;
    }
}
