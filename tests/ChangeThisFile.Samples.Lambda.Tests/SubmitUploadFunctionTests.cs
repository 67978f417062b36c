using System.Text;
using System.Text.Json;
using ChangeThisFile.Samples.Lambda.Functions;

namespace ChangeThisFile.Samples.Lambda.Tests;

/// <summary>The submit handler with S3 events it must skip, ignore or fail on.</summary>
public sealed class SubmitUploadFunctionTests(LambdaTestEnvironment environment) : IClassFixture<LambdaTestEnvironment>
{
    [Fact]
    public async Task Submit_OtherBucket_SkipsObject()
    {
        await using var app = await environment.CreateAppAsync();

        var summary = await LambdaApp.InvokeEventAsync(
            app.SubmitUpload, S3EventJson.ObjectCreated("another-bucket", "uploads/AAAAAAAAAAAAAAAAAAAAAA.csv"));

        var entry = summary.GetProperty("results")[0];
        entry.TryGetProperty("outcome", out _).Should().BeFalse();
        entry.GetProperty("message").GetString().Should().Contain("upload bucket");
    }

    [Fact]
    public async Task Submit_ObjectRemoved_SkipsObject()
    {
        await using var app = await environment.CreateAppAsync();

        var summary = await LambdaApp.InvokeEventAsync(
            app.SubmitUpload,
            S3EventJson.ObjectCreated(
                app.Bucket, "uploads/AAAAAAAAAAAAAAAAAAAAAA.csv", eventName: "ObjectRemoved:Delete"));

        summary.GetProperty("results")[0].GetProperty("message").GetString().Should().Contain("ObjectCreated");
    }

    [Fact]
    public async Task Submit_ResultKey_IsIgnored()
    {
        await using var app = await environment.CreateAppAsync();

        var summary = await LambdaApp.InvokeEventAsync(
            app.SubmitUpload, S3EventJson.ObjectCreated(app.Bucket, "results/AAAAAAAAAAAAAAAAAAAAAA.json"));

        summary.GetProperty("results")[0].GetProperty("outcome").GetString().Should().Be("ignored");
    }

    [Fact]
    public async Task Submit_UnknownFileId_ReportsNotFound()
    {
        await using var app = await environment.CreateAppAsync();

        var summary = await LambdaApp.InvokeEventAsync(
            app.SubmitUpload, S3EventJson.ObjectCreated(app.Bucket, "uploads/AAAAAAAAAAAAAAAAAAAAAA.csv"));

        summary.GetProperty("results")[0].GetProperty("outcome").GetString().Should().Be("not_found");
    }

    [Fact]
    public async Task Submit_TestEvent_ReturnsNoResults()
    {
        await using var app = await environment.CreateAppAsync();
        var testEvent = """
            {"Service":"Amazon S3","Event":"s3:TestEvent","Time":"2026-12-01T10:00:00.000Z",
             "Bucket":"b","RequestId":"5582815E1AEA5ADF","HostId":"8cLeGAmw"}
            """;

        var summary = await LambdaApp.InvokeEventAsync(app.SubmitUpload, Encoding.UTF8.GetBytes(testEvent));

        summary.GetProperty("results").GetArrayLength().Should().Be(0);
    }

    [Fact]
    public async Task Submit_StoreUnavailable_Throws()
    {
        await using var app = await environment.CreateAppAsync(
            settings => settings["DynamoDbRecords:CreateTableIfMissing"] = "false");
        var notification = S3EventJson.Notification(
            S3EventJson.Record(app.Bucket, "uploads/AAAAAAAAAAAAAAAAAAAAAA.csv", 1, "ObjectCreated:Put"),
            S3EventJson.Record(app.Bucket, "uploads/BBBBBBBBBBBBBBBBBBBBBB.csv", 1, "ObjectCreated:Put"));

        var invoke = () => app.SubmitUpload.HandleAsync(new MemoryStream(notification), default);

        var failure = (await invoke.Should().ThrowAsync<SubmitFailedException>()).Which;
        failure.Keys.Should().Equal("uploads/AAAAAAAAAAAAAAAAAAAAAA.csv", "uploads/BBBBBBBBBBBBBBBBBBBBBB.csv");
        failure.Message.Should().Contain("retries");
    }

    [Fact]
    public async Task Submit_EventNotJson_ThrowsFormatException()
    {
        await using var app = await environment.CreateAppAsync();

        var invoke = () => app.SubmitUpload.HandleAsync(new MemoryStream("not json"u8.ToArray()), default);

        await invoke.Should().ThrowAsync<FormatException>();
    }
}
