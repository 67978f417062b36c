using System.Net;
using ChangeThisFile.Client.Flow.Tests.Infrastructure;

namespace ChangeThisFile.Client.Flow.Tests.Unit;

public sealed class CreateUploadTests : IDisposable
{
    private readonly FlowHarness _harness = new(options => options.MaxUploadSizeBytes = 1000);

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task CreateUpload_ValidRequest_StoresRecordAwaitingUpload()
    {
        var result = await _harness.Flow.CreateUploadAsync(new CreateUploadRequest("Q3 Report [final].CSV", ".JSON")
        {
            ContentType = "text/csv",
            Metadata = new Dictionary<string, string> { ["user_id"] = "u-42" },
        });
        var record = await _harness.Records.GetAsync(result.FileId);

        result.Target.Should().Be("json");
        result.Method.Should().Be("PUT");
        result.Headers.Should().Contain("Content-Type", "text/csv");
        result.ExpiresAt.Should().Be(_harness.Clock.GetUtcNow() + ConversionFlowOptions.DefaultUploadUrlExpiry);
        result.MaxSizeBytes.Should().Be(1000);
        record!.Status.Should().Be(RecordStatus.AwaitingUpload);
        record.OriginalFileName.Should().Be("Q3 Report [final].CSV");
        record.InputKey.Should().Be($"uploads/{result.FileId}.csv");
        record.ContentType.Should().Be("text/csv");
        record.Metadata.Should().Contain("user_id", "u-42");
        result.ToString().Should().NotContain("token=");
    }

    [Fact]
    public async Task CreateUpload_UploadUrl_AcceptsTheSignedRequest()
    {
        var result = await _harness.Flow.CreateUploadAsync(
            new CreateUploadRequest("a.csv", "json") { ContentType = "text/csv" });
        var record = await _harness.Records.GetAsync(result.FileId);

        using var response = await PresignedHttp.UploadAsync(_harness.StorageHttp, result, "x,y\n"u8.ToArray());

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await _harness.Storage.ExistsAsync(record!.InputKey)).Should().BeTrue();
    }

    [Fact]
    public async Task CreateUpload_OversizedUpload_IsRejected()
    {
        var result = await _harness.Flow.CreateUploadAsync(new CreateUploadRequest("big.csv", "json"));

        using var response = await PresignedHttp.UploadAsync(_harness.StorageHttp, result, new byte[1001]);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task CreateUpload_NameWithoutExtension_KeyHasNone()
    {
        var result = await _harness.Flow.CreateUploadAsync(new CreateUploadRequest("README", "json"));

        (await _harness.Records.GetAsync(result.FileId))!.InputKey.Should().Be($"uploads/{result.FileId}");
    }

    [Theory]
    [InlineData("archive.TAR.GZ", "tar.gz")]
    [InlineData("photo.final.png", "png")]
    [InlineData("weird.p n g", null)]
    [InlineData("dots...", null)]
    public async Task CreateUpload_Extension_IsSanitizedIntoKey(string fileName, string? extension)
    {
        var result = await _harness.Flow.CreateUploadAsync(new CreateUploadRequest(fileName, "json"));

        var expected = extension is null ? $"uploads/{result.FileId}" : $"uploads/{result.FileId}.{extension}";
        (await _harness.Records.GetAsync(result.FileId))!.InputKey.Should().Be(expected);
    }

    public static TheoryData<string, CreateUploadRequest, string> InvalidRequests() => new()
    {
        { "Size", new("a.csv", "json") { Size = 1001 }, "The file is 1001 bytes; the maximum is 1000 bytes" },
        { "Size", new("a.csv", "json") { Size = -1 }, "is negative" },
        { "ContentType", new("a.csv", "json") { ContentType = "not a type" }, "is not a valid media type" },
        { "ContentType", new("a.csv", "json") { ContentType = "text/csv\r\nX-Evil: 1" }, "is not a valid media type" },
        { "Metadata", WithMetadata("ctf.submit_url", "x"), "which the flow keeps for itself" },
        { "Metadata", WithMetadata("user id", "x"), "The metadata key 'user id' is invalid" },
        { "Metadata", WithMetadata("note", "line\nbreak"), "contains control characters" },
        { "Metadata", WithMetadata("note", new string('v', 1025)), "longer than 1024 characters" },
        { "Metadata", new("a.csv", "json") { Metadata = ManyEntries(17) }, "has 17 entries" },
        { "FileName", new CreateUploadRequest("   ", "json"), "names no file" },
        { "FileName", new CreateUploadRequest("C:\\fakepath\\", "json"), "names no file" },
        { "Target", new CreateUploadRequest("a.csv", "pdf"), "'pdf' is not allowed. Choose one of: html, json, webp." },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task CreateUpload_InvalidRequest_ThrowsNamingFieldAndFix(
        string field, CreateUploadRequest request, string expected)
    {
        var create = () => _harness.Flow.CreateUploadAsync(request);

        var thrown = (await create.Should().ThrowAsync<ConversionFlowValidationException>()).Which;
        thrown.ParamName.Should().Be(field);
        thrown.Reason.Should().Contain(expected);
        (await _harness.Records.ListUnmatchedEventsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task CreateUpload_WindowsPath_KeepsOnlyTheName()
    {
        var result = await _harness.Flow.CreateUploadAsync(new CreateUploadRequest("C:\\fakepath\\scan.png", "webp"));

        (await _harness.Records.GetAsync(result.FileId))!.OriginalFileName.Should().Be("scan.png");
    }

    private static Dictionary<string, string> ManyEntries(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => $"k{i}", _ => "v");

    private static CreateUploadRequest WithMetadata(string key, string value) =>
        new("a.csv", "json") { Metadata = new Dictionary<string, string> { [key] = value } };
}
