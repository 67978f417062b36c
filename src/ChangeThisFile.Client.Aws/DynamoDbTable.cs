using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace ChangeThisFile.Client.Aws;

/// <summary>
/// The table layout of <see cref="DynamoDbConversionRecordStore"/>: one table with string keys
/// <c>pk</c> (hash) and <c>sk</c> (range), holding three kinds of item.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A record: <c>pk = "file#" + fileId</c>, <c>sk = "record"</c>, with a numeric <c>version</c>.</item>
/// <item>A job pointer: <c>pk = "job#" + jobId</c>, <c>sk = "job"</c>, naming the file id. It is written
/// before the record that carries the job id. A lookup reads the pointer and then the record, and accepts
/// the record only if it still carries that job id. Both reads are strongly consistent, unlike a secondary
/// index, so a webhook that arrives right after submission finds its record.</item>
/// <item>An unmatched event: <c>pk = "unmatched"</c>, <c>sk</c> = receive time in ticks (19 digits), <c>#</c>,
/// and the event id, so a reverse query lists the newest first.</item>
/// </list>
/// No transactions and no TTL are used.
/// </remarks>
public static class DynamoDbTable
{
    /// <summary>The hash key attribute.</summary>
    public const string PartitionKey = "pk";

    /// <summary>The range key attribute.</summary>
    public const string SortKey = "sk";

    private static readonly TimeSpan ActivePollInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Returns the request that creates the table with on-demand capacity.</summary>
    /// <param name="tableName">The table name.</param>
    public static CreateTableRequest CreateTableRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(SortKey, ScalarAttributeType.S),
        ],
        KeySchema =
        [
            new KeySchemaElement(PartitionKey, KeyType.HASH),
            new KeySchemaElement(SortKey, KeyType.RANGE),
        ],
    };

    /// <summary>Creates the table unless it exists, and waits until it is active.</summary>
    /// <param name="client">The DynamoDB client.</param>
    /// <param name="tableName">The table name.</param>
    /// <param name="timeProvider">The clock for polling; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <exception cref="TimeoutException">The table did not become active within 2 minutes.</exception>
    public static async Task CreateIfMissingAsync(
        IAmazonDynamoDB client,
        string tableName,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(tableName);
        timeProvider ??= TimeProvider.System;
        try
        {
            await client.CreateTableAsync(CreateTableRequest(tableName), cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            // The table exists already, or another instance is creating it; either way wait for it.
        }

        var deadline = timeProvider.GetUtcNow() + ActiveTimeout;
        while (true)
        {
            var description = await client.DescribeTableAsync(tableName, cancellationToken).ConfigureAwait(false);
            if (description.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            if (timeProvider.GetUtcNow() >= deadline)
            {
                throw new TimeoutException(
                    $"The DynamoDB table '{tableName}' is still {description.Table.TableStatus} " +
                    $"after {ActiveTimeout}.");
            }

            await Task.Delay(ActivePollInterval, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }
}
