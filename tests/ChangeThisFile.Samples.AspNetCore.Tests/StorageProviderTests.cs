using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;
using ChangeThisFile.Client.Flow;
using ChangeThisFile.Client.Testing.Servers;
using ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;

namespace ChangeThisFile.Samples.AspNetCore.Tests;

/// <summary>
/// The same four steps with the cloud providers, chosen by configuration alone: S3 and DynamoDB
/// on s3rver and dynalite, Blob and Table Storage on Azurite, all on 127.0.0.1.
/// </summary>
public sealed class StorageProviderTests(S3rverFixture s3, DynaliteFixture dynamoDb, AzuriteFixture azurite)
    : IClassFixture<S3rverFixture>, IClassFixture<DynaliteFixture>, IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AwsProvider_CsvToJson_ResultInBucket()
    {
        var bucket = TestNames.Unique("sample");
        using (var client = new AmazonS3Client(
            new BasicAWSCredentials(S3rverFixture.AccessKey, S3rverFixture.AccessKey),
            new AmazonS3Config
            {
                ServiceURL = s3.Url.ToString(),
                ForcePathStyle = true,
                AuthenticationRegion = S3rverFixture.Region,
            }))
        {
            await client.PutBucketAsync(bucket);
        }

        await using var sample = await RunningSample.StartAsync(
        [
            "--Storage:Provider=Aws",
            $"--S3Storage:BucketName={bucket}",
            $"--S3Storage:ServiceUrl={s3.Url}",
            "--S3Storage:ForcePathStyle=true",
            $"--S3Storage:Region={S3rverFixture.Region}",
            $"--S3Storage:AccessKeyId={S3rverFixture.AccessKey}",
            $"--S3Storage:SecretAccessKey={S3rverFixture.AccessKey}",
            $"--DynamoDbRecords:TableName={TestNames.Unique("sample")}",
            $"--DynamoDbRecords:ServiceUrl={dynamoDb.Url}",
            $"--DynamoDbRecords:Region={DynaliteFixture.Region}",
            "--DynamoDbRecords:AccessKeyId=local",
            "--DynamoDbRecords:SecretAccessKey=local",
            "--DynamoDbRecords:CreateTableIfMissing=true",
        ]);

        var status = await ConvertAsync(sample);

        status.DownloadUrl!.Authority.Should().Be(s3.Url.Authority);
        status.DownloadUrl.AbsolutePath.Should().StartWith($"/{bucket}/results/");
        await ShouldBeFiveRowsAsync(sample, status);
    }

    [Fact]
    public async Task AzureProvider_CsvToJson_ResultInContainer()
    {
        var container = TestNames.Unique("sample");

        await using var sample = await RunningSample.StartAsync(
        [
            "--Storage:Provider=Azure",
            $"--AzureBlobStorage:ConnectionString={azurite.ConnectionString}",
            $"--AzureBlobStorage:ContainerName={container}",
            "--AzureBlobStorage:CreateContainerIfMissing=true",
            $"--AzureTableRecords:ConnectionString={azurite.ConnectionString}",
            $"--AzureTableRecords:TableName={TestNames.UniqueAlphanumeric("sample")}",
            "--AzureTableRecords:CreateTableIfMissing=true",
        ]);

        var status = await ConvertAsync(sample);

        status.DownloadUrl!.Authority.Should().Be(azurite.BlobUrl.Authority);
        status.DownloadUrl.AbsolutePath.Should().Contain($"/{container}/results/");
        await ShouldBeFiveRowsAsync(sample, status);
    }

    private static async Task<ConversionStatus> ConvertAsync(RunningSample sample)
    {
        var (upload, _) = await sample.UploadAndSubmitAsync(TestFiles.PeopleCsv, "json");
        var status = await sample.WaitForEndAsync(upload.FileId);
        status.State.Should().Be(ConversionState.Done, status.Error?.Message);
        return status;
    }

    private static async Task ShouldBeFiveRowsAsync(RunningSample sample, ConversionStatus status)
    {
        using var rows = JsonDocument.Parse(await sample.DownloadAsync(status.DownloadUrl!));
        rows.RootElement.GetArrayLength().Should().Be(5);
    }
}
