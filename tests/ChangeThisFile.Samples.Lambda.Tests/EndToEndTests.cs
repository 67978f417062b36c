using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Amazon.S3.Model;
using ChangeThisFile.Samples.Lambda.Events;

namespace ChangeThisFile.Samples.Lambda.Tests;

/// <summary>
/// The four handlers against s3rver, dynalite and the emulator: create an upload, upload through
/// the presigned URL, submit from the S3 event, receive the webhook through API Gateway, and
/// download the result that the status reports.
/// </summary>
public sealed class EndToEndTests(LambdaTestEnvironment environment) : IClassFixture<LambdaTestEnvironment>
{
    private const string Csv = "name,city\r\nAda,London\r\nLinus,Helsinki\r\n";

    [Theory]
    [InlineData(ProxyFormat.HttpApi, false)]
    [InlineData(ProxyFormat.RestApi, true)]
    public async Task Flow_EachPayloadFormat_StoresConvertedResult(ProxyFormat format, bool base64Webhooks)
    {
        await using var app = await environment.CreateAppAsync(webhookFormat: format, base64Webhooks: base64Webhooks);
        var upload = await CreateUploadAsync(app, format, "people.csv");
        await PutAsync(upload, Csv);
        var key = await SingleKeyAsync(app, "uploads/");

        var submitted = await LambdaApp.InvokeEventAsync(app.SubmitUpload, S3EventJson.ObjectCreated(app.Bucket, key));
        var jobId = submitted.GetProperty("results")[0].GetProperty("job_id").GetString()!;
        await environment.Emulator.Webhooks.WaitForSuccessAsync(jobId);
        var status = await StatusAsync(app, format, upload.FileId);

        submitted.GetProperty("results")[0].GetProperty("outcome").GetString().Should().Be("submitted");
        app.WebhookRoute.Responses.Should().ContainSingle(response => response.StatusCode == 200)
            .Which.Json.GetProperty("outcome").GetString().Should().Be("applied");
        status.StatusCode.Should().Be(200);
        status.Json.GetProperty("status").GetString().Should().Be("done");
        status.Json.GetProperty("job_id").GetString().Should().Be(jobId);
        status.Json.GetProperty("file_name").GetString().Should().Be("people.json");
        var rows = await DownloadJsonAsync(status.Json.GetProperty("download_url").GetString()!);
        rows.GetArrayLength().Should().Be(2);
        rows[0].GetProperty("name").GetString().Should().Be("Ada");
        rows[1].GetProperty("city").GetString().Should().Be("Helsinki");
    }

    [Fact]
    public async Task Submit_PrefixWithSpace_DecodesNotificationKey()
    {
        await using var app = await environment.CreateAppAsync(
            settings => settings["ConversionFlow:InputKeyPrefix"] = "incoming files/");
        var upload = await CreateUploadAsync(app, ProxyFormat.HttpApi, "people.csv");
        await PutAsync(upload, Csv);
        var key = await SingleKeyAsync(app, "incoming files/");
        var notification = S3EventJson.ObjectCreated(app.Bucket, key);

        var submitted = await LambdaApp.InvokeEventAsync(app.SubmitUpload, notification);

        Encoding.UTF8.GetString(notification).Should().Contain("incoming+files/", "S3 sends a space as '+'");
        submitted.GetProperty("results")[0].GetProperty("key").GetString().Should().Be(key);
        submitted.GetProperty("results")[0].GetProperty("outcome").GetString().Should().Be("submitted");
        submitted.GetProperty("results")[0].GetProperty("file_id").GetString().Should().Be(upload.FileId);
    }

    [Fact]
    public async Task Status_BeforeUpload_ReportsAwaitingUpload()
    {
        await using var app = await environment.CreateAppAsync();
        var upload = await CreateUploadAsync(app, ProxyFormat.RestApi, "people.csv");

        var status = await StatusAsync(app, ProxyFormat.RestApi, upload.FileId);

        status.StatusCode.Should().Be(200);
        status.Json.GetProperty("status").GetString().Should().Be("processing");
        status.Json.GetProperty("awaiting_upload").GetBoolean().Should().BeTrue();
        status.Headers["cache-control"].Should().Be("no-store");
    }

    internal static async Task<Upload> CreateUploadAsync(LambdaApp app, ProxyFormat format, string fileName)
    {
        var request = TestHttpRequest.Json(
            "POST", "/conversions", $$"""{"file_name":"{{fileName}}","target":"json","content_type":"text/csv"}""");
        var response = await LambdaApp.InvokeAsync(app.CreateUpload, request, format);
        response.StatusCode.Should().Be(201, response.Body);
        var json = response.Json;
        var headers = json.GetProperty("headers").EnumerateObject()
            .ToDictionary(header => header.Name, header => header.Value.GetString()!);
        return new Upload(
            json.GetProperty("file_id").GetString()!,
            new Uri(json.GetProperty("upload_url").GetString()!),
            json.GetProperty("method").GetString()!,
            headers);
    }

    internal static async Task PutAsync(Upload upload, string text)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(new HttpMethod(upload.Method), upload.Url)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(text)),
        };
        foreach (var (name, value) in upload.Headers)
        {
            if (string.Equals(name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(value);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await http.SendAsync(request);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    private async Task<string> SingleKeyAsync(LambdaApp app, string prefix)
    {
        using var s3 = environment.CreateS3Client();
        var listing = await s3.ListObjectsV2Async(
            new ListObjectsV2Request { BucketName = app.Bucket, Prefix = prefix });
        return listing.S3Objects.Should().ContainSingle().Which.Key;
    }

    private static Task<TestProxyResponse> StatusAsync(LambdaApp app, ProxyFormat format, string fileId) =>
        LambdaApp.InvokeAsync(
            app.Status,
            new TestHttpRequest("GET", "/conversions/" + fileId)
            {
                Route = "/conversions/{fileId}",
                PathParameters = new Dictionary<string, string> { ["fileId"] = fileId },
            },
            format);

    private static async Task<JsonElement> DownloadJsonAsync(string url)
    {
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(url);
        return JsonDocument.Parse(bytes).RootElement.Clone();
    }

    internal sealed record Upload(string FileId, Uri Url, string Method, IReadOnlyDictionary<string, string> Headers);
}
