using Amazon.Runtime;
using Amazon.S3;
using ChangeThisFile.Client.Testing.Servers;
using ChangeThisFile.Client.Testing.Storage;

namespace ChangeThisFile.Client.Aws.Tests;

/// <summary>
/// Cloudflare R2 rejects streaming SigV4 payload signing and the SDK's default checksums, so the R2 preset
/// turns both off, signs for region 'auto', and its presigned URLs carry only the signing parameters.
/// </summary>
public sealed class R2PresetTests(S3rverFixture server) : IClassFixture<S3rverFixture>
{
    private static readonly string[] SigningParameters =
    [
        "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders", "X-Amz-Signature",
    ];

    [Fact]
    public void CreateConfig_Endpoint_HasR2Settings()
    {
        var config = R2Preset.CreateConfig(new Uri("https://0123abcd.r2.cloudflarestorage.com"));

        config.AuthenticationRegion.Should().Be("auto");
        config.RequestChecksumCalculation.Should().Be(RequestChecksumCalculation.WHEN_REQUIRED);
        config.ResponseChecksumValidation.Should().Be(ResponseChecksumValidation.WHEN_REQUIRED);
        config.ForcePathStyle.Should().BeTrue();
        config.ServiceURL.Should().StartWith("https://0123abcd.r2.cloudflarestorage.com");
    }

    [Fact]
    public void Apply_AppOwnConfig_ChangesOnlyR2Settings()
    {
        var config = new AmazonS3Config { ServiceURL = "https://0123abcd.r2.cloudflarestorage.com", MaxErrorRetry = 7 };

        R2Preset.Apply(config);

        R2Preset.IsApplied(config).Should().BeTrue();
        config.MaxErrorRetry.Should().Be(7);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("GET")]
    public async Task PresignedUrl_WithPreset_CarriesOnlySigningParameters(string method)
    {
        using var storage = new S3ObjectStorage(R2Options("r2-bucket", "https://0123abcd.r2.cloudflarestorage.com"));

        var request = method == "PUT"
            ? await storage.CreateUploadRequestAsync(
                "uploads/My File [1].pdf", new() { ContentType = "application/pdf" })
            : await storage.CreateDownloadRequestAsync("uploads/My File [1].pdf", new());

        var names = QueryNames(request.Url);
        names.Should().BeEquivalentTo(SigningParameters);
        request.Url.Query.Should().NotContainEquivalentOf("checksum");
        request.Url.Host.Should().Be("0123abcd.r2.cloudflarestorage.com");
        request.Url.Query.Should().Contain("%2Fauto%2Fs3%2Faws4_request");
    }

    [Fact]
    public async Task PresignedDownload_WithFileName_AddsOnlyDisposition()
    {
        using var storage = new S3ObjectStorage(R2Options("r2-bucket", "https://0123abcd.r2.cloudflarestorage.com"));

        var request = await storage.CreateDownloadRequestAsync("results/a.pdf", new() { FileName = "a.pdf" });

        QueryNames(request.Url).Should().BeEquivalentTo([.. SigningParameters, "response-content-disposition"]);
    }

    [Fact]
    public void Storage_AppClientWithoutPreset_ThrowsNamingFix()
    {
        var config = new AmazonS3Config { ServiceURL = "https://0123abcd.r2.cloudflarestorage.com" };
        using var client = new AmazonS3Client(new BasicAWSCredentials("id", "secret"), config);
        var options = new S3ObjectStorageOptions { BucketName = "b-1", Provider = S3Provider.R2 };

        var act = () => new S3ObjectStorage(client, options);

        act.Should().Throw<InvalidOperationException>().WithMessage("*R2Preset.CreateConfig*");
    }

    [Fact]
    public async Task Write_WithPresetOverHttp_StoresExactBytes()
    {
        using var admin = AwsTestClients.S3(server);
        var bucket = await AwsTestClients.CreateBucketAsync(admin, "r2");
        using var storage = new S3ObjectStorage(R2Options(bucket, server.Url.ToString()));
        using var multipart = new GeneratedStream(7 * 1024 * 1024, seed: 3);
        var small = new byte[1000];
        new Random(4).NextBytes(small);

        await storage.WriteAsync("results/big.bin", multipart);
        await storage.WriteAsync("results/small.bin", new MemoryStream(small));

        await using var big = await storage.OpenReadAsync("results/big.bin");
        (await StorageTestData.HashAsync(big)).Hash.Should().Be(multipart.Hash);
        (await ReadAsync(storage, "results/small.bin")).Should().Equal(small);
    }

    private static S3ObjectStorageOptions R2Options(string bucket, string serviceUrl) => new()
    {
        BucketName = bucket,
        Provider = S3Provider.R2,
        ServiceUrl = serviceUrl,
        AccessKeyId = S3rverFixture.AccessKey,
        SecretAccessKey = S3rverFixture.AccessKey,
        PartSizeBytes = S3ObjectStorageOptions.MinPartSizeBytes,
    };

    private static string[] QueryNames(Uri url) =>
        url.Query.TrimStart('?').Split('&').Select(p => Uri.UnescapeDataString(p.Split('=')[0])).ToArray();

    private static async Task<byte[]> ReadAsync(S3ObjectStorage storage, string key)
    {
        await using var stream = await storage.OpenReadAsync(key);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
