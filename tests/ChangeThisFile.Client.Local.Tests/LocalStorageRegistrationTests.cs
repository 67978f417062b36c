using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Local.Tests;

public sealed class LocalStorageRegistrationTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ctf-local-di-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task AddBoth_FromConfiguration_ResolvesWorkingSeams()
    {
        using var host = BuildHost(new()
        {
            ["LocalStorage:RootPath"] = Path.Combine(_folder.FullName, "objects"),
            ["LocalStorage:PublicBaseUrl"] = "http://127.0.0.1:5000/storage",
            ["LocalStorage:SigningKey"] = LocalStorageServer.SigningKey,
            ["SqliteRecords:DatabasePath"] = Path.Combine(_folder.FullName, "records.db"),
        });

        await host.StartAsync();
        var storage = host.Services.GetRequiredService<IObjectStorage>();
        var store = host.Services.GetRequiredService<IConversionRecordStore>();

        storage.Should().BeOfType<LocalObjectStorage>();
        store.Should().BeOfType<SqliteConversionRecordStore>();
        var upload = await storage.CreateUploadRequestAsync("uploads/a.pdf", new());
        upload.Url.ToString().Should().StartWith("http://127.0.0.1:5000/storage/uploads/a.pdf?");
        (await store.GetAsync("none")).Should().BeNull();
        await host.StopAsync();
    }

    [Theory]
    [InlineData("RootPath", "", "LocalStorage:RootPath is missing")]
    [InlineData("PublicBaseUrl", "/storage", "LocalStorage:PublicBaseUrl '/storage' is not an absolute")]
    [InlineData("PublicBaseUrl", "ftp://host/storage", "LocalStorage:PublicBaseUrl 'ftp://host/storage'")]
    [InlineData(
        "SigningKey", "c2hvcnQ=", "LocalStorage:SigningKey is missing or not base64 of at least 32 bytes*openssl rand")]
    [InlineData("SigningKey", "not base64!", "LocalStorage:SigningKey*")]
    public async Task Start_InvalidLocalStorageSetting_FailsNamingValueAndFix(
        string setting, string value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["LocalStorage:RootPath"] = _folder.FullName,
            ["LocalStorage:PublicBaseUrl"] = "http://127.0.0.1:5000/storage",
            ["LocalStorage:SigningKey"] = LocalStorageServer.SigningKey,
            ["SqliteRecords:DatabasePath"] = Path.Combine(_folder.FullName, "records.db"),
            [$"LocalStorage:{setting}"] = value,
        };
        using var host = BuildHost(settings);

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).WithMessage($"*{message}*");
    }

    [Fact]
    public void SigningKey_NeverAppearsInValidationMessage()
    {
        var options = new LocalObjectStorageOptions
        {
            RootPath = "", PublicBaseUrl = "x", SigningKey = "c2VjcmV0LXRoYXQtaXMtdG9vLXNob3J0",
        };

        var result = new LocalObjectStorageOptionsValidator().Validate(null, options);

        result.FailureMessage.Should().NotContain(options.SigningKey);
    }

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLocalObjectStorage(builder.Configuration.GetSection(LocalObjectStorageOptions.SectionName));
        builder.Services.AddSqliteConversionRecordStore(
            builder.Configuration.GetSection(SqliteConversionRecordStoreOptions.SectionName));
        return builder.Build();
    }
}
