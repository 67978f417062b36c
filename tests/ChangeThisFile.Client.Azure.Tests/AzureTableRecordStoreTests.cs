using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Testing.Servers;

namespace ChangeThisFile.Client.Azure.Tests;

public sealed class AzureTableRecordStoreTests(AzuriteFixture server) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ErrorMessage_LongerThanOneProperty_RoundTrips()
    {
        var store = NewStore();
        var message = string.Concat(Enumerable.Repeat("The engine failed ✓ 😀. ", 5000));
        var record = new ConversionRecord
        {
            FileId = "long-error", Target = "pdf", Status = RecordStatus.Failed, InputKey = "uploads/x",
            ErrorMessage = message, CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
        };

        await store.CreateAsync(record);

        (await store.GetAsync("long-error"))!.ErrorMessage.Should().Be(message);
    }

    [Fact]
    public async Task Get_TableMissing_ThrowsInsteadOfNotFound()
    {
        var store = new AzureTableConversionRecordStore(new AzureTableRecordStoreOptions
        {
            ConnectionString = server.ConnectionString,
            TableName = TestNames.UniqueAlphanumeric("missing"),
        });

        var read = () => store.GetAsync("any-file");

        var thrown = await read.Should().ThrowAsync<InvalidOperationException>();
        thrown.Which.Message.Should().Contain("does not exist").And.Contain("CreateTableIfMissing");
    }

    [Fact]
    public async Task Get_RecordMissingInExistingTable_ReturnsNull()
    {
        var store = NewStore();

        var record = await store.GetAsync("never-created");

        record.Should().BeNull();
    }

    [Theory]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("a\\b#c?d%e", "a%5Cb%23c%3Fd%25e")]
    [InlineData("ü ✓", "ü ✓")]
    public void EscapeKey_ForbiddenCharacters_ArePercentEncoded(string id, string expected)
    {
        AzureTableMapping.EscapeKey(id).Should().Be(expected);
    }

    private AzureTableConversionRecordStore NewStore() => new(new AzureTableRecordStoreOptions
    {
        ConnectionString = server.ConnectionString,
        TableName = TestNames.UniqueAlphanumeric("records"),
        CreateTableIfMissing = true,
    });
}
