namespace ChangeThisFile.Client.Testing.Storage;

public abstract partial class ObjectStorageContractTests
{
    [Theory]
    [MemberData(nameof(StorageTestData.InvalidKeys), MemberType = typeof(StorageTestData))]
    public async Task Write_InvalidKey_ThrowsWithRule(string key, string rule)
    {
        var act = () => Storage.WriteAsync(key, Text("x"));

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage($"*{rule}*");
    }

    [Theory]
    [MemberData(nameof(StorageTestData.InvalidKeys), MemberType = typeof(StorageTestData))]
    public async Task OpenRead_InvalidKey_ThrowsWithRule(string key, string rule)
    {
        var act = () => Storage.OpenReadAsync(key);

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage($"*{rule}*");
    }

    [Theory]
    [MemberData(nameof(StorageTestData.InvalidKeys), MemberType = typeof(StorageTestData))]
    public async Task Exists_InvalidKey_ThrowsWithRule(string key, string rule)
    {
        var act = () => Storage.ExistsAsync(key);

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage($"*{rule}*");
    }

    [Theory]
    [MemberData(nameof(StorageTestData.InvalidKeys), MemberType = typeof(StorageTestData))]
    public async Task Delete_InvalidKey_ThrowsWithRule(string key, string rule)
    {
        var act = () => Storage.DeleteAsync(key);

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage($"*{rule}*");
    }

    [Theory]
    [MemberData(nameof(StorageTestData.InvalidKeys), MemberType = typeof(StorageTestData))]
    public async Task CreateUpload_InvalidKey_ThrowsWithRule(string key, string rule)
    {
        var act = () => Storage.CreateUploadRequestAsync(key, new PresignedUploadOptions());

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage($"*{rule}*");
    }

    [Theory]
    [MemberData(nameof(StorageTestData.InvalidKeys), MemberType = typeof(StorageTestData))]
    public async Task CreateDownload_InvalidKey_ThrowsWithRule(string key, string rule)
    {
        var act = () => Storage.CreateDownloadRequestAsync(key, new PresignedDownloadOptions());

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage($"*{rule}*");
    }

    [Fact]
    public async Task Write_LongestValidKey_ReadsBack()
    {
        var segments = Enumerable.Range(0, 114).Select(i => $"seg{i:D5}").ToArray();
        var key = string.Join('/', segments)[..ObjectKey.MaxLengthBytes].TrimEnd('/');

        await Storage.WriteAsync(key, Text("long"));

        (await ReadAllAsync(key)).Should().Equal("long"u8.ToArray());
    }

    [Fact]
    public async Task Write_KeysDifferingInCase_AreDistinct()
    {
        await Storage.WriteAsync("case/Report.pdf", Text("upper"));
        await Storage.WriteAsync("case/report.pdf", Text("lower"));

        (await ReadAllAsync("case/Report.pdf")).Should().Equal("upper"u8.ToArray());
        (await ReadAllAsync("case/report.pdf")).Should().Equal("lower"u8.ToArray());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(8 * 24 * 3600)]
    public async Task CreateUpload_ExpiryOutOfRange_Throws(int seconds)
    {
        var options = new PresignedUploadOptions { ExpiresIn = TimeSpan.FromSeconds(seconds) };

        var act = () => Storage.CreateUploadRequestAsync("uploads/a.pdf", options);

        (await act.Should().ThrowAsync<ArgumentOutOfRangeException>()).WithMessage("*ExpiresIn*");
    }

    [Fact]
    public async Task CreateUpload_MalformedContentType_Throws()
    {
        var options = new PresignedUploadOptions { ContentType = "not a media type" };

        var act = () => Storage.CreateUploadRequestAsync("uploads/a.pdf", options);

        (await act.Should().ThrowAsync<ArgumentException>()).WithMessage("*not a media type*");
    }
}
