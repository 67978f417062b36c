using System.Text;
using ChangeThisFile.Client.Flow.Tests.Infrastructure;
using ChangeThisFile.Client.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace ChangeThisFile.Client.Flow.Tests.Unit;

/// <summary>
/// The flow on the in-memory storage and record store (wrapped for fault injection), with
/// WireMock on 127.0.0.1 standing in for the API and serving result files on its own origin.
/// </summary>
public sealed class FlowHarness : IDisposable
{
    public const string ApiKey = "ctf_sk_flow_unit_SECRETKEY";
    public static readonly Uri WebhookUrl = new("https://app.example.test/webhooks/changethisfile");

    private readonly ServiceProvider _provider;

    public FlowHarness(Action<ConversionFlowOptions>? configure = null)
    {
        Api = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        ApiUrl = new Uri(Api.Urls[0].TrimEnd('/') + "/");
        Storage = new FaultyObjectStorage(new InMemoryObjectStorage(Clock));
        Records = new FaultyRecordStore(new InMemoryConversionRecordStore());

        var services = new ServiceCollection();
        services.AddFakeLogging(options => options.CollectRecordsForDisabledLogLevels = true);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace));
        services.AddMetrics();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddConversionClient(options =>
        {
            options.BaseAddress = ApiUrl;
            options.ApiKey = ApiKey;
            options.MaxRetryAttempts = 0;
        });
        services.AddSingleton<IObjectStorage>(Storage);
        services.AddSingleton<IConversionRecordStore>(Records);
        services.AddConversionFlow(options =>
        {
            options.WebhookUrl = WebhookUrl;
            options.AllowedTargets.Add("json");
            options.AllowedTargets.Add("webp");
            options.AllowedTargets.Add("html");
            configure?.Invoke(options);
        });
        _provider = services.BuildServiceProvider(validateScopes: true);
        Flow = _provider.GetRequiredService<IConversionFlow>();
        Logs = _provider.GetRequiredService<FakeLogCollector>();
        StorageHttp = new HttpClient(((InMemoryObjectStorage)Storage.Inner).CreateHttpHandler());
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public WireMockServer Api { get; }

    public Uri ApiUrl { get; }

    public IConversionFlow Flow { get; }

    public FaultyObjectStorage Storage { get; }

    public FaultyRecordStore Records { get; }

    public FakeLogCollector Logs { get; }

    /// <summary>Sends requests to the in-memory storage's presigned URLs.</summary>
    public HttpClient StorageHttp { get; }

    public IServiceProvider Services => _provider;

    /// <summary>Stores a record as the flow would have left it, and its input object.</summary>
    public async Task<ConversionRecord> SeedAsync(
        RecordStatus status, string? jobId = null, string fileName = "data.csv")
    {
        var fileId = ConversionFileId.New();
        var now = Clock.GetUtcNow();
        var inputKey = $"uploads/{fileId}.csv";
        await Storage.Inner.WriteAsync(inputKey, new MemoryStream(Encoding.UTF8.GetBytes("a,b\n1,2\n")));
        return await Records.Inner.CreateAsync(new ConversionRecord
        {
            FileId = fileId,
            Target = "json",
            OriginalFileName = fileName,
            Status = status,
            JobId = jobId,
            InputKey = inputKey,
            ErrorCode = status == RecordStatus.Failed ? "conversion_failed" : null,
            ErrorMessage = status == RecordStatus.Failed ? "earlier failure" : null,
            OutputKey = status == RecordStatus.Done ? $"results/{fileId}.json" : null,
            CreatedAt = now,
            UpdatedAt = now,
        });
    }

    /// <summary>Serves a result file on the API's origin and returns its URL with a signature query.</summary>
    public Uri ServeResult(string jobId, string content, int status = 200)
    {
        var path = $"/files/{jobId}/result.json";
        Api.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Json(status, content));
        return new Uri(ApiUrl, $"files/{jobId}/result.json?expires=1999999999&signature=RESULTSIGNATURE");
    }

    public void ServeSubmit(int status, string body) =>
        Api.Given(Request.Create().WithPath("/v1/jobs").UsingPost())
            .RespondWith(Json(status, body));

    /// <summary>Answers submissions with the responses in order; the last one repeats.</summary>
    public void ServeSubmitSequence(params (int Status, string Body)[] responses)
    {
        var scenario = Guid.NewGuid().ToString("N");
        for (var i = 0; i < responses.Length; i++)
        {
            var mapping = Api.Given(Request.Create().WithPath("/v1/jobs").UsingPost()).InScenario(scenario);
            if (i > 0)
            {
                mapping = mapping.WhenStateIs($"step{i}");
            }

            if (i < responses.Length - 1)
            {
                mapping = mapping.WillSetStateTo($"step{i + 1}");
            }

            mapping.RespondWith(Response.Create().WithStatusCode(responses[i].Status)
                .WithHeader("Content-Type", "application/json").WithBody(responses[i].Body));
        }
    }

    public int RequestsTo(string path) => Api.LogEntries.Count(entry => entry.RequestMessage?.Path == path);

    public IReadOnlyList<string> SubmitBodies() =>
    [
        .. Api.LogEntries
            .Where(entry => entry.RequestMessage?.Path == "/v1/jobs")
            .Select(entry => entry.RequestMessage!.Body ?? string.Empty),
    ];

    public void Dispose()
    {
        StorageHttp.Dispose();
        _provider.Dispose();
        Api.Stop();
        Api.Dispose();
    }

    public static ConversionWebhookEvent Event(string json)
    {
        ConversionWebhookEvent.TryParse(Encoding.UTF8.GetBytes(json), out var webhookEvent, out var error)
            .Should().BeTrue(error);
        return webhookEvent!;
    }

    public static ConversionWebhookEvent Completed(string jobId, string? fileId, Uri? resultUrl) => Event($$$"""
        {"event":"job.completed","data":{"job_id":"{{{jobId}}}","status":"completed",
        "result":{"file_url":{{{Quote(resultUrl?.AbsoluteUri)}}},"size":12},"metadata":{{{Metadata(fileId)}}} } }
        """);

    public static ConversionWebhookEvent Failed(string jobId, string? fileId, string code = "conversion_failed",
        string message = "The input could not be decoded.") => Event($$$"""
        {"event":"job.failed","data":{"job_id":"{{{jobId}}}","status":"failed",
        "error":{"code":"{{{code}}}","message":"{{{message}}}"},"metadata":{{{Metadata(fileId)}}} } }
        """);

    public static IResponseBuilder Json(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    private static string Quote(string? value) => value is null ? "null" : $"\"{value}\"";

    private static string Metadata(string? fileId) => fileId is null ? "{}" : $"{{\"file_id\":\"{fileId}\"}}";
}
