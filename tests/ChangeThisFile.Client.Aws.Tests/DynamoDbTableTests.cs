using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using ChangeThisFile.Client.Testing.Servers;

namespace ChangeThisFile.Client.Aws.Tests;

public sealed class DynamoDbTableTests(DynaliteFixture server) : IClassFixture<DynaliteFixture>
{
    [Fact]
    public async Task CreateIfMissing_Twice_LeavesOneActiveTableWithStringKeys()
    {
        using var client = AwsTestClients.DynamoDb(server);
        var table = TestNames.Unique("table");

        await DynamoDbTable.CreateIfMissingAsync(client, table);
        await DynamoDbTable.CreateIfMissingAsync(client, table);

        var description = (await client.DescribeTableAsync(table)).Table;
        description.TableStatus.Should().Be(TableStatus.ACTIVE);
        var keys = description.KeySchema.Select(k => (k.AttributeName, k.KeyType.Value));
        keys.Should().Equal(("pk", "HASH"), ("sk", "RANGE"));
        description.AttributeDefinitions.Should().OnlyContain(a => a.AttributeType == ScalarAttributeType.S);
    }

    [Fact]
    public async Task Store_WithoutCreateOption_ReportsMissingTable()
    {
        using var client = AwsTestClients.DynamoDb(server);
        using var store = new DynamoDbConversionRecordStore(
            client, new DynamoDbRecordStoreOptions { TableName = TestNames.Unique("missing") });

        var act = () => store.GetAsync("f1");

        await act.Should().ThrowAsync<ResourceNotFoundException>();
    }

    [Fact]
    public async Task FindByJobId_PointerToRecordWithOtherJob_ReturnsNull()
    {
        using var client = AwsTestClients.DynamoDb(server);
        var table = TestNames.Unique("pointer");
        await DynamoDbTable.CreateIfMissingAsync(client, table);
        using var store = new DynamoDbConversionRecordStore(
            client, new DynamoDbRecordStoreOptions { TableName = table });
        await store.CreateAsync(new()
        {
            FileId = "f1", Target = "pdf", Status = Storage.RecordStatus.Processing,
            InputKey = "uploads/f1", JobId = "job_real",
            CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
        });
        await client.PutItemAsync(table, new Dictionary<string, AttributeValue>
        {
            ["pk"] = new() { S = "job#job_dangling" }, ["sk"] = new() { S = "job" }, ["fileId"] = new() { S = "f1" },
        });

        (await store.FindByJobIdAsync("job_dangling")).Should().BeNull();
        (await store.FindByJobIdAsync("job_real"))!.FileId.Should().Be("f1");
    }
}
