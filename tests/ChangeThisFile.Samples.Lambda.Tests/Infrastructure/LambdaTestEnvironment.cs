using Amazon.Runtime;
using Amazon.S3;
using ChangeThisFile.Client.Testing.Servers;
using ChangeThisFile.Emulator;
using ChangeThisFile.Samples.Lambda.Events;

namespace ChangeThisFile.Samples.Lambda.Tests.Infrastructure;

/// <summary>
/// s3rver, dynalite, the emulator and the webhook receiver, all on 127.0.0.1, shared by the tests
/// of a class. Each test creates its own <see cref="LambdaApp"/> with its own bucket and table.
/// </summary>
public sealed class LambdaTestEnvironment : IAsyncLifetime
{
    private readonly S3rverFixture _s3 = new();
    private readonly DynaliteFixture _dynamo = new();
    private ApiGatewayWebhookReceiver? _receiver;

    public ConversionEmulator Emulator { get; private set; } = null!;

    internal ApiGatewayWebhookReceiver Receiver => _receiver!;

    public Uri S3Url => _s3.Url;

    public Uri DynamoDbUrl => _dynamo.Url;

    public async Task InitializeAsync()
    {
        await _s3.InitializeAsync();
        await _dynamo.InitializeAsync();
        Emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions { WebhookRetryScale = 0.001 });
        _receiver = await ApiGatewayWebhookReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        await _dynamo.DisposeAsync();
        await _s3.DisposeAsync();
    }

    /// <summary>
    /// Creates a bucket and the settings of an app whose webhook URL points at the receiver; the
    /// table is created on first use. <paramref name="configure"/> may change any setting.
    /// </summary>
    internal async Task<LambdaApp> CreateAppAsync(
        Action<Dictionary<string, string?>>? configure = null,
        TimeProvider? webhookClock = null,
        ProxyFormat webhookFormat = ProxyFormat.HttpApi,
        bool base64Webhooks = false)
    {
        var (settings, route) = await CreateSettingsAsync();
        configure?.Invoke(settings);
        var app = LambdaApp.Create(settings, webhookClock);
        app.WebhookRoute = Receiver.Attach(route, app.Webhook, webhookFormat, base64Webhooks);
        return app;
    }

    /// <summary>Creates a bucket and returns the settings of an app using it, with a new webhook route.</summary>
    internal async Task<(Dictionary<string, string?> Settings, string WebhookRoute)> CreateSettingsAsync()
    {
        var bucket = TestNames.Unique("lambda");
        using (var s3 = CreateS3Client())
        {
            await s3.PutBucketAsync(bucket);
        }

        var webhookUrl = Receiver.NewWebhookUrl(out var route);
        return (Settings(bucket, TestNames.Unique("records"), webhookUrl), route);
    }

    internal AmazonS3Client CreateS3Client() => new(
        new BasicAWSCredentials(S3rverFixture.AccessKey, S3rverFixture.AccessKey),
        new AmazonS3Config
        {
            ServiceURL = S3Url.ToString(),
            ForcePathStyle = true,
            AuthenticationRegion = S3rverFixture.Region,
        });

    /// <summary>The settings an app reads, by their configuration keys.</summary>
    internal Dictionary<string, string?> Settings(string bucket, string table, Uri webhookUrl) => new()
    {
        ["ChangeThisFile:BaseAddress"] = Emulator.BaseAddress.ToString(),
        ["ChangeThisFile:ApiKey"] = Emulator.ApiKey,
        ["ChangeThisFile:RetryBaseDelay"] = "00:00:00.050",
        ["ChangeThisFile:Webhooks:Secrets:0"] = Emulator.WebhookSecret,
        ["ConversionFlow:WebhookUrl"] = webhookUrl.ToString(),
        ["ConversionFlow:AllowedTargets:0"] = "json",
        ["ConversionFlow:AllowedTargets:1"] = "yaml",
        ["S3Storage:BucketName"] = bucket,
        ["S3Storage:ServiceUrl"] = S3Url.ToString(),
        ["S3Storage:ForcePathStyle"] = "true",
        ["S3Storage:Region"] = S3rverFixture.Region,
        ["S3Storage:AccessKeyId"] = S3rverFixture.AccessKey,
        ["S3Storage:SecretAccessKey"] = S3rverFixture.AccessKey,
        ["DynamoDbRecords:TableName"] = table,
        ["DynamoDbRecords:ServiceUrl"] = DynamoDbUrl.ToString(),
        ["DynamoDbRecords:Region"] = DynaliteFixture.Region,
        ["DynamoDbRecords:AccessKeyId"] = "local",
        ["DynamoDbRecords:SecretAccessKey"] = "local",
        ["DynamoDbRecords:CreateTableIfMissing"] = "true",
    };
}
