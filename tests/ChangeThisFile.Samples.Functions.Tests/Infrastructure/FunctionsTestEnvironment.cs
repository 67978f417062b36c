using Azure.Storage.Blobs;
using ChangeThisFile.Client.Testing.Servers;
using ChangeThisFile.Emulator;

namespace ChangeThisFile.Samples.Functions.Tests.Infrastructure;

/// <summary>
/// Azurite, the emulator and the Kestrel front end, all on 127.0.0.1, shared by the tests of a
/// class. Each test creates its own <see cref="FunctionsApp"/> with its own container and table.
/// </summary>
public sealed class FunctionsTestEnvironment : IAsyncLifetime
{
    private readonly AzuriteFixture _azurite = new();
    private FunctionsTestHost? _host;

    public ConversionEmulator Emulator { get; private set; } = null!;

    internal FunctionsTestHost Host => _host!;

    public string StorageConnectionString => _azurite.ConnectionString;

    public async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        Emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions { WebhookRetryScale = 0.001 });
        _host = await FunctionsTestHost.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        await _azurite.DisposeAsync();
    }

    /// <summary>
    /// Creates a container and an app whose routes the front end serves; <paramref name="configure"/>
    /// may change any setting first.
    /// </summary>
    internal async Task<(FunctionsApp App, Uri BaseAddress)> CreateAppAsync(
        Action<Dictionary<string, string?>>? configure = null)
    {
        var container = TestNames.Unique("functions");
        await new BlobContainerClient(StorageConnectionString, container).CreateIfNotExistsAsync();
        var baseAddress = Host.NewAppBase(out var name);
        var settings = new Dictionary<string, string?>
        {
            [FunctionsServices.UploadStorageSetting] = StorageConnectionString,
            [FunctionsServices.UploadContainerSetting] = container,
            ["AzureTableRecords:TableName"] = TestNames.UniqueAlphanumeric("records"),
            ["AzureTableRecords:CreateTableIfMissing"] = "true",
            ["ChangeThisFile:BaseAddress"] = Emulator.BaseAddress.ToString(),
            ["ChangeThisFile:ApiKey"] = Emulator.ApiKey,
            ["ChangeThisFile:RetryBaseDelay"] = "00:00:00.050",
            ["ChangeThisFile:Webhooks:Secrets:0"] = Emulator.WebhookSecret,
            ["ConversionFlow:WebhookUrl"] = new Uri(baseAddress, "webhooks/changethisfile").ToString(),
            ["ConversionFlow:AllowedTargets:0"] = "json",
            ["ConversionFlow:AllowedTargets:1"] = "yaml",
        };
        configure?.Invoke(settings);
        var app = FunctionsApp.Create(settings);
        Host.Attach(name, app);
        return (app, baseAddress);
    }
}
