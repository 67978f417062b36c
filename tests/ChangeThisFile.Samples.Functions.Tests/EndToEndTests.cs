using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace ChangeThisFile.Samples.Functions.Tests;

/// <summary>
/// The functions against Azurite and the emulator: create the upload, upload through the SAS
/// URL, run the blob trigger, receive the webhook through the worker middleware, and download the
/// result the status reports.
/// </summary>
public sealed class EndToEndTests(FunctionsTestEnvironment environment) : IClassFixture<FunctionsTestEnvironment>
{
    private const string Csv = "name,city\r\nAda,London\r\nLinus,Helsinki\r\n";

    [Fact]
    public async Task Flow_UploadThroughSas_StoresConvertedResult()
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        using var http = new HttpClient { BaseAddress = baseAddress };
        var upload = await CreateUploadAsync(http, "people.csv");
        await PutAsync(upload, Csv);
        var blob = await SingleUploadAsync(app);

        await app.Submit.Run(blob, default);
        var jobId = JobsOf(upload).Should().ContainSingle().Which.JobId;
        var delivery = await environment.Emulator.Webhooks.WaitForSuccessAsync(jobId);
        using var status = await http.GetAsync("conversions/" + upload.GetProperty("file_id").GetString());
        var json = JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement;

        delivery.StatusCode.Should().Be(200);
        status.StatusCode.Should().Be(HttpStatusCode.OK);
        status.Headers.CacheControl!.NoStore.Should().BeTrue();
        json.GetProperty("status").GetString().Should().Be("done");
        json.GetProperty("job_id").GetString().Should().Be(jobId);
        var result = await http.GetStringAsync(json.GetProperty("download_url").GetString());
        var rows = JsonDocument.Parse(result).RootElement;
        rows.GetArrayLength().Should().Be(2);
        rows[1].GetProperty("name").GetString().Should().Be("Linus");
    }

    [Fact]
    public async Task Status_BeforeUpload_ReportsAwaitingUpload()
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        using var http = new HttpClient { BaseAddress = baseAddress };
        var upload = await CreateUploadAsync(http, "people.csv");
        var fileId = upload.GetProperty("file_id").GetString();

        var status = await http.GetFromJsonAsync<JsonElement>("conversions/" + fileId);

        status.GetProperty("status").GetString().Should().Be("processing");
        status.GetProperty("awaiting_upload").GetBoolean().Should().BeTrue();
    }

    [Fact]
    public async Task Submit_SameBlobTwice_CreatesOneJob()
    {
        var (app, baseAddress) = await environment.CreateAppAsync();
        await using var _ = app;
        using var http = new HttpClient { BaseAddress = baseAddress };
        var upload = await CreateUploadAsync(http, "people.csv");
        await PutAsync(upload, Csv);
        var blob = await SingleUploadAsync(app);

        await app.Submit.Run(blob, default);
        await app.Submit.Run(blob, default);

        JobsOf(upload).Should().ContainSingle();
    }

    /// <summary>The emulator's jobs whose webhook metadata names the upload's file id.</summary>
    private IEnumerable<ChangeThisFile.Emulator.EmulatorJob> JobsOf(JsonElement upload)
    {
        var fileId = upload.GetProperty("file_id").GetString()!;
        return environment.Emulator.Jobs.List()
            .Where(job => job.Metadata?.Contains(fileId, StringComparison.Ordinal) == true);
    }

    internal static async Task<JsonElement> CreateUploadAsync(HttpClient http, string fileName)
    {
        using var response = await http.PostAsJsonAsync(
            "conversions",
            new Dictionary<string, string>
            {
                ["file_name"] = fileName,
                ["target"] = "json",
                ["content_type"] = "text/csv",
            });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    internal static async Task PutAsync(JsonElement upload, string text)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(
            new HttpMethod(upload.GetProperty("method").GetString()!), upload.GetProperty("upload_url").GetString())
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(text)),
        };
        foreach (var header in upload.GetProperty("headers").EnumerateObject())
        {
            if (string.Equals(header.Name, "Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(header.Value.GetString()!);
            }
            else
            {
                request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
            }
        }

        using var response = await http.SendAsync(request);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Returns the uploaded blob, as the host hands it to the blob trigger.</summary>
    private async Task<BlobClient> SingleUploadAsync(FunctionsApp app)
    {
        var container = new BlobContainerClient(environment.StorageConnectionString, app.Container);
        var names = new List<string>();
        var blobs = container.GetBlobsAsync(BlobTraits.None, BlobStates.None, "uploads/", default);
        await foreach (var item in blobs)
        {
            names.Add(item.Name);
        }

        return container.GetBlobClient(names.Should().ContainSingle().Which);
    }
}
