using Amazon.S3;
using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Testing.Servers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Aws.Tests;

public sealed class AwsStorageRegistrationTests(S3rverFixture s3, DynaliteFixture dynamo)
    : IClassFixture<S3rverFixture>, IClassFixture<DynaliteFixture>
{
    [Fact]
    public async Task AddBoth_FromConfiguration_WorkAgainstLocalServers()
    {
        using var admin = AwsTestClients.S3(s3);
        var bucket = await AwsTestClients.CreateBucketAsync(admin, "di");
        using var host = BuildHost(ValidSettings(bucket));

        await host.StartAsync();
        var storage = host.Services.GetRequiredService<IObjectStorage>();
        var store = host.Services.GetRequiredService<IConversionRecordStore>();
        await storage.WriteAsync("uploads/a b.txt", new MemoryStream([1, 2]));
        await store.CreateAsync(new ConversionRecord
        {
            FileId = "f1", Target = "pdf", Status = RecordStatus.AwaitingUpload, InputKey = "uploads/a b.txt",
            CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
        });

        (await storage.ExistsAsync("uploads/a b.txt")).Should().BeTrue();
        (await store.GetAsync("f1")).Should().NotBeNull();
        await host.StopAsync();
    }

    [Fact]
    public async Task AddS3_AppRegisteredClient_IsUsed()
    {
        using var appClient = AwsTestClients.S3(s3);
        var bucket = await AwsTestClients.CreateBucketAsync(appClient, "own");
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<IAmazonS3>(appClient);
        builder.Services.AddS3ObjectStorage(o => o.BucketName = bucket);
        using var host = builder.Build();

        var storage = host.Services.GetRequiredService<IObjectStorage>();
        await storage.WriteAsync("k.txt", new MemoryStream([9]));

        (await appClient.GetObjectMetadataAsync(bucket, "k.txt")).ContentLength.Should().Be(1);
    }

    [Theory]
    [InlineData("S3Storage:BucketName", "Bad_Bucket", "S3Storage:BucketName 'Bad_Bucket' is not a valid bucket name")]
    [InlineData("S3Storage:ServiceUrl", "localhost:9000", "S3Storage:ServiceUrl 'localhost:9000' is not an absolute")]
    [InlineData("S3Storage:SecretAccessKey", "", "must be set together")]
    [InlineData("S3Storage:PartSizeBytes", "1024", "PartSizeBytes 1024 is below the S3 minimum")]
    [InlineData("DynamoDbRecords:TableName", "x", "DynamoDbRecords:TableName 'x' is not a valid table name")]
    [InlineData("DynamoDbRecords:AccessKeyId", "", "DynamoDbRecords:AccessKeyId and DynamoDbRecords:SecretAccessKey")]
    public async Task Start_InvalidSetting_FailsNamingValueAndFix(string setting, string value, string message)
    {
        var settings = ValidSettings("bucket-1");
        settings[setting] = value;
        using var host = BuildHost(settings);

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).WithMessage($"*{message}*");
    }

    [Fact]
    public void Validate_DynamoDbWithoutRegionOrEndpoint_NamesRegion()
    {
        var options = new DynamoDbRecordStoreOptions { TableName = "records" };

        var result = new DynamoDbRecordStoreOptionsValidator().Validate(null, options);

        result.FailureMessage.Should().Contain("DynamoDbRecords:Region is missing");
    }

    [Fact]
    public void Validate_R2WithoutServiceUrl_NamesEndpointFormat()
    {
        var options = new S3ObjectStorageOptions { BucketName = "b-1", Provider = S3Provider.R2 };

        var result = new S3ObjectStorageOptionsValidator().Validate(null, options);

        result.FailureMessage.Should().Contain("ACCOUNT_ID.r2.cloudflarestorage.com");
    }

    [Fact]
    public void Validate_Failure_NeverShowsSecretKey()
    {
        var options = new S3ObjectStorageOptions
        {
            BucketName = "", AccessKeyId = "", SecretAccessKey = "very-secret-value",
        };

        var result = new S3ObjectStorageOptionsValidator().Validate(null, options);

        result.FailureMessage.Should().NotContain("very-secret-value");
    }

    private Dictionary<string, string?> ValidSettings(string bucket) => new()
    {
        ["S3Storage:BucketName"] = bucket,
        ["S3Storage:ServiceUrl"] = s3.Url.ToString(),
        ["S3Storage:Region"] = S3rverFixture.Region,
        ["S3Storage:ForcePathStyle"] = "true",
        ["S3Storage:AccessKeyId"] = S3rverFixture.AccessKey,
        ["S3Storage:SecretAccessKey"] = S3rverFixture.AccessKey,
        ["DynamoDbRecords:TableName"] = TestNames.Unique("di-records"),
        ["DynamoDbRecords:ServiceUrl"] = dynamo.Url.ToString(),
        ["DynamoDbRecords:Region"] = DynaliteFixture.Region,
        ["DynamoDbRecords:AccessKeyId"] = "local",
        ["DynamoDbRecords:SecretAccessKey"] = "local",
        ["DynamoDbRecords:CreateTableIfMissing"] = "true",
    };

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddS3ObjectStorage(builder.Configuration.GetSection(S3ObjectStorageOptions.SectionName));
        builder.Services.AddDynamoDbConversionRecordStore(
            builder.Configuration.GetSection(DynamoDbRecordStoreOptions.SectionName));
        return builder.Build();
    }
}
