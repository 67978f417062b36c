using System.Net;
using ChangeThisFile.Client;
using ChangeThisFile.Client.Webhooks;
using ChangeThisFile.Emulator.Tests.Infrastructure;

namespace ChangeThisFile.Emulator.Tests.Sdk;

/// <summary>Every endpoint of the emulator, called through the SDK's <see cref="IConversionClient"/>.</summary>
public sealed class SdkEndpointTests : IAsyncLifetime
{
    private static readonly byte[] Csv = TableData.Input("csv", TableData.Rows);
    private ConversionEmulator _emulator = null!;
    private SdkClient _sdk = null!;

    private IConversionClient Client => _sdk.Client;

    public async Task InitializeAsync()
    {
        _emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions { WebhookRetryScale = 0.001 });
        _sdk = SdkClient.For(_emulator);
    }

    public async Task DisposeAsync()
    {
        await _sdk.DisposeAsync();
        await _emulator.DisposeAsync();
    }

    [Fact]
    public async Task Convert_CsvToJson_StreamsConvertedRows()
    {
        var request = new ConvertRequest(UploadContent.FromBytes(Csv, "people.csv", "text/csv"), "json");

        await using var result = await Client.ConvertAsync(request);
        using var output = new MemoryStream();
        await result.Content.CopyToAsync(output);

        TableData.Parse("json", output.ToArray()).Should().BeEquivalentTo(
            TableData.Expected(TableData.Rows), options => options.WithStrictOrdering());
        result.FileName.Should().Be("people.json");
        result.ContentType.Should().Be("application/json");
        result.RateLimit!.Limit.Should().Be(ConversionEmulatorOptions.DefaultRateLimitPerMinute);
    }

    [Fact]
    public async Task SubmitByUpload_WaitThenDownload_ReturnsResult()
    {
        var handle = await Client.SubmitJobAsync(new JobUploadRequest(UploadContent.FromBytes(Csv, "p.csv"), "yaml"));

        var job = await Client.WaitForCompletionAsync(handle.JobId, FastPolling());
        using var output = new MemoryStream();
        var download = await Client.DownloadResultAsync(job, output);

        handle.Status.Should().Be(JobStatus.Queued);
        handle.Location.Should().Be(new Uri(_emulator.BaseAddress, "v1/jobs/" + handle.JobId));
        job.Status.Should().Be(JobStatus.Completed);
        download.BytesWritten.Should().Be(job.Result!.Size);
        TableData.Parse("yaml", output.ToArray()).Should().BeEquivalentTo(TableData.Expected(TableData.Rows));
    }

    [Fact]
    public async Task SubmitByUrl_FetchesInputFromKestrel_Completes()
    {
        await using var files = await SdkWebhookReceiver.StartAsync(_emulator.WebhookSecret);
        var fileUrl = files.ServeFile("people.csv", Csv);

        var handle = await Client.SubmitJobFromUrlAsync(new JobUrlRequest(fileUrl, "json"));
        var job = await Client.WaitForCompletionAsync(handle.JobId, FastPolling());
        using var output = new MemoryStream();
        await Client.DownloadResultAsync(job, output);

        job.Status.Should().Be(JobStatus.Completed, job.Error?.Message);
        job.SourceFormat.Should().Be("csv");
        _emulator.Jobs.Find(handle.JobId)!.FileUrl.Should().Be(fileUrl);
        TableData.Parse("json", output.ToArray()).Should().BeEquivalentTo(TableData.Expected(TableData.Rows));
    }

    [Fact]
    public async Task GetJob_Completed_ReportsFormatsTimesAndResult()
    {
        var handle = await Client.SubmitJobAsync(new JobUploadRequest(UploadContent.FromBytes(Csv, "p.csv"), "yaml")
        {
            WebhookMetadata = new Dictionary<string, string> { ["file_id"] = "f-42" },
        });
        await _emulator.Jobs.WaitForTerminalAsync(handle.JobId);

        var job = await Client.GetJobAsync(handle.JobId);

        job.JobId.Should().Be(handle.JobId);
        job.Status.Should().Be(JobStatus.Completed);
        job.SourceFormat.Should().Be("csv");
        job.TargetFormat.Should().Be("yaml");
        job.UpdatedAt.Should().BeOnOrAfter(job.CreatedAt!.Value);
        job.Result!.Size.Should().Be(_emulator.Jobs.Find(handle.JobId)!.ResultSize);
        job.Result.FileUrl.Should().StartWith(_emulator.BaseAddress.AbsoluteUri);
        job.Metadata!.Value.GetProperty("file_id").GetString().Should().Be("f-42");
    }

    [Fact]
    public async Task GetJob_UnknownId_ThrowsNotFound()
    {
        var thrown = await Client.Invoking(client => client.GetJobAsync("00000000-0000-0000-0000-000000000000"))
            .Should().ThrowAsync<ConversionApiException>();

        thrown.Which.StatusCode.Should().Be(HttpStatusCode.NotFound);
        thrown.Which.ErrorCode.Should().Be(ConversionErrorCode.NotFound);
    }

    [Fact]
    public async Task ListJobs_AcrossPages_NewestFirst()
    {
        var submitted = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var upload = UploadContent.FromBytes(Csv, $"p{i}.csv");
            submitted.Add((await Client.SubmitJobAsync(new JobUploadRequest(upload, "json"))).JobId);
        }

        var listed = new List<string>();
        await foreach (var job in Client.ListJobsAsync(new JobListOptions { PageSize = 2 }))
        {
            listed.Add(job.JobId);
        }

        listed.Should().Equal(Enumerable.Reverse(submitted));
    }

    [Fact]
    public async Task WaitForCompletion_UndecodableInput_ReturnsFailedJob()
    {
        var upload = UploadContent.FromBytes("not a png"u8.ToArray(), "broken.png");
        var handle = await Client.SubmitJobAsync(new JobUploadRequest(upload, "webp"));

        var job = await Client.WaitForCompletionAsync(handle.JobId, FastPolling());

        job.Status.Should().Be(JobStatus.Failed);
        job.Error!.Code.Should().Be(new ConversionErrorCode("conversion_failed"));
        job.Result.Should().BeNull();
    }

    [Fact]
    public async Task DownloadToFile_LeavesNoPartialFile()
    {
        var handle = await Client.SubmitJobAsync(new JobUploadRequest(UploadContent.FromBytes(Csv, "p.csv"), "json"));
        var job = await Client.WaitForCompletionAsync(handle.JobId, FastPolling());
        var folder = Directory.CreateTempSubdirectory("ctf-sdk-");
        try
        {
            var path = Path.Combine(folder.FullName, "result.json");

            var download = await Client.DownloadResultToFileAsync(job, path);

            download.BytesWritten.Should().Be(new FileInfo(path).Length);
            TableData.Parse("json", await File.ReadAllBytesAsync(path))
                .Should().BeEquivalentTo(TableData.Expected(TableData.Rows));
            Directory.GetFiles(folder.FullName).Should().ContainSingle();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Usage_AfterConvert_CountsOneMoreConversion()
    {
        var before = await Client.GetUsageAsync();

        await using (await Client.ConvertAsync(new MemoryStream(Csv), "p.csv", "json"))
        {
        }

        var after = await Client.GetUsageAsync();
        after.ConversionsUsed.Should().Be(before.ConversionsUsed + 1);
        after.Plan.Should().Be("free");
        after.ConversionsLimit.Should().Be(ConversionEmulatorOptions.DefaultMonthlyConversionLimit);
        after.PeriodEnd.Should().BeAfter(after.PeriodStart!.Value);
    }

    [Fact]
    public async Task CreateFreeApiKey_IssuesKeyThatAuthenticates()
    {
        var issued = await Client.CreateFreeApiKeyAsync("dev@example.com");
        await using var other = SdkClient.WithKey(_emulator, issued.ApiKey!);

        var usage = await other.Client.GetUsageAsync();

        issued.ApiKey.Should().StartWith("ctf_sk_").And.NotBe(_emulator.ApiKey);
        issued.Plan.Should().Be("free");
        usage.Plan.Should().Be("free");
    }

    [Fact]
    public async Task RotateApiKey_OldKey_InvalidApiKey()
    {
        var oldKey = _emulator.ApiKey;

        var rotation = await Client.RotateApiKeyAsync();
        var thrown = await Client.Invoking(client => client.GetUsageAsync())
            .Should().ThrowAsync<ConversionApiException>();
        await using var rotated = SdkClient.WithKey(_emulator, rotation.ApiKey!);
        var usage = await rotated.Client.GetUsageAsync();

        rotation.ApiKey.Should().Be(_emulator.ApiKey).And.NotBe(oldKey);
        thrown.Which.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        thrown.Which.ErrorCode.Should().Be(ConversionErrorCode.InvalidApiKey);
        thrown.Which.Message.Should().Contain("API key").And.NotContain(oldKey);
        usage.Plan.Should().Be("free");
    }

    [Fact]
    public async Task RotateWebhookSecret_NewSecretSignsNext()
    {
        var oldSecret = _emulator.WebhookSecret;
        await using var receiver = await SdkWebhookReceiver.StartAsync(oldSecret);

        var rotation = await Client.RotateWebhookSecretAsync();
        receiver.UseSecret(rotation.Secret!);
        var handle = await Client.SubmitJobAsync(new JobUploadRequest(UploadContent.FromBytes(Csv, "p.csv"), "json")
        {
            WebhookUrl = receiver.HookUrl,
        });
        var delivery = (await receiver.WaitForAsync(d => d.Result.Succeeded))[0];

        rotation.Secret.Should().Be(_emulator.WebhookSecret).And.NotBe(oldSecret).And.StartWith("whsec_");
        delivery.Event.JobId.Should().Be(handle.JobId);
        var withOldSecret = SdkWebhookReceiver.CreateVerifier(oldSecret)
            .Verify(delivery.Body, delivery.Headers[WebhookHeaders.Signature]);
        withOldSecret.Status.Should().Be(WebhookVerificationStatus.NoMatchingSignature);
    }

    [Fact]
    public async Task SendTestWebhook_DeliversVerifiedTestEvent()
    {
        await using var receiver = await SdkWebhookReceiver.StartAsync(_emulator.WebhookSecret);

        var result = await Client.SendTestWebhookAsync(receiver.HookUrl);

        result.Delivered.Should().BeTrue();
        result.StatusCode.Should().Be(200);
        result.Url.Should().Be(receiver.HookUrl.AbsoluteUri);
        var delivery = receiver.Deliveries.Should().ContainSingle().Subject;
        delivery.Event.Type.Should().Be(WebhookEventType.WebhookTest);
        delivery.Headers[WebhookHeaders.Event].Should().Be("webhook.test");
    }

    [Fact]
    public async Task SendTestWebhook_ReceiverRejects_ReportsNotDelivered()
    {
        await using var receiver = await SdkWebhookReceiver.StartAsync(_emulator.WebhookSecret);
        receiver.StatusFor = _ => 503;

        var result = await Client.SendTestWebhookAsync(receiver.HookUrl);

        result.Delivered.Should().BeFalse();
        result.StatusCode.Should().Be(503);
    }

    [Fact]
    public async Task Logs_AfterCalls_HideKeyAndQuery()
    {
        var handle = await Client.SubmitJobAsync(new JobUploadRequest(UploadContent.FromBytes(Csv, "p.csv"), "json"));
        var job = await Client.WaitForCompletionAsync(handle.JobId, FastPolling());
        await Client.DownloadResultAsync(job, Stream.Null);
        await Client.GetUsageAsync();

        var query = new Uri(job.Result!.FileUrl!).Query;

        query.Should().NotBeEmpty();
        _sdk.Logs.Records.Should().NotBeEmpty();
        _sdk.Logs.AllText().Should().NotContain(_emulator.ApiKey).And.NotContain(query.TrimStart('?'));
    }

    internal static JobWaitOptions FastPolling() => new()
    {
        InitialPollInterval = TimeSpan.FromMilliseconds(20),
        MaxPollInterval = TimeSpan.FromMilliseconds(200),
        Timeout = TimeSpan.FromSeconds(30),
    };
}
