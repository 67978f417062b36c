using System.Net.Http.Headers;
using ChangeThisFile.Client.Testing.Servers;

namespace ChangeThisFile.Client.Aws.Tests;

/// <summary>
/// A key with spaces, brackets, an apostrophe and non-ASCII goes through a presigned PUT, an S3 event
/// notification (where a space arrives as '+'), a read, a presigned GET and a delete, unchanged at every step.
/// </summary>
public sealed class AwkwardKeysS3Tests(S3rverFixture server) : IClassFixture<S3rverFixture>
{
    private const string Key = "uploads/My File [1] (copy)'s ✓.pdf";

    [Fact]
    public async Task AwkwardKey_ThroughEveryStep_RoundTripsExactly()
    {
        using var client = AwsTestClients.S3(server);
        var bucket = await AwsTestClients.CreateBucketAsync(client, "awkward");
        using var storage = new S3ObjectStorage(client, new S3ObjectStorageOptions { BucketName = bucket });
        using var http = new HttpClient();
        var content = "%PDF-1.7 awkward"u8.ToArray();

        var upload = await storage.CreateUploadRequestAsync(Key, new() { ContentType = "application/pdf" });
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse(upload.Headers["Content-Type"]);
        using var put = await http.PutAsync(upload.Url, body);
        var notification = await File.ReadAllTextAsync(
            Path.Combine(AppContext.BaseDirectory, "TestData", "s3-put-event.json"));
        var objectEvent = S3EventNotification.Parse(
            notification.Replace("BUCKET", bucket, StringComparison.Ordinal)).Single();
        await using var read = await storage.OpenReadAsync(objectEvent.Key);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        var download = await storage.CreateDownloadRequestAsync(objectEvent.Key, new());
        var downloaded = await http.GetByteArrayAsync(download.Url);
        await storage.DeleteAsync(objectEvent.Key);

        put.IsSuccessStatusCode.Should().BeTrue();
        objectEvent.Key.Should().Be(Key);
        objectEvent.BucketName.Should().Be(bucket);
        copy.ToArray().Should().Equal(content);
        downloaded.Should().Equal(content);
        (await storage.ExistsAsync(Key)).Should().BeFalse();
    }

    [Fact]
    public async Task AwkwardKey_ListedByS3_MatchesKeyExactly()
    {
        using var client = AwsTestClients.S3(server);
        var bucket = await AwsTestClients.CreateBucketAsync(client, "awkward");
        using var storage = new S3ObjectStorage(client, new S3ObjectStorageOptions { BucketName = bucket });

        await storage.WriteAsync(Key, new MemoryStream([1]));

        var listed = await client.ListObjectsV2Async(new() { BucketName = bucket });
        listed.S3Objects.Should().ContainSingle().Which.Key.Should().Be(Key);
    }
}
