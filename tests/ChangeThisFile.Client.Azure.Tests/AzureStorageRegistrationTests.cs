using ChangeThisFile.Client.Storage;
using ChangeThisFile.Client.Testing.Servers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Azure.Tests;

public sealed class AzureStorageRegistrationTests(AzuriteFixture server) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task AddBoth_FromConfiguration_WorkAgainstAzurite()
    {
        using var host = BuildHost(ValidSettings());

        await host.StartAsync();
        var storage = host.Services.GetRequiredService<IObjectStorage>();
        var store = host.Services.GetRequiredService<IConversionRecordStore>();
        await storage.WriteAsync("uploads/a b.txt", new MemoryStream([1, 2]));
        var created = await store.CreateAsync(new ConversionRecord
        {
            FileId = "f1", Target = "pdf", Status = RecordStatus.AwaitingUpload, InputKey = "uploads/a b.txt",
            CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
        });

        (await storage.ExistsAsync("uploads/a b.txt")).Should().BeTrue();
        created.Version.Should().StartWith("W/\"datetime'");
        await host.StopAsync();
    }

    [Theory]
    [InlineData(
        "AzureBlobStorage:ContainerName",
        "Bad_Name",
        "AzureBlobStorage:ContainerName 'Bad_Name' is not a valid container name")]
    [InlineData(
        "AzureBlobStorage:ConnectionString", "", "AzureBlobStorage:ConnectionString is missing or has no AccountKey")]
    [InlineData("AzureBlobStorage:MaxConcurrency", "0", "AzureBlobStorage:MaxConcurrency 0 is out of range")]
    [InlineData(
        "AzureTableRecords:TableName", "1records", "AzureTableRecords:TableName '1records' is not a valid table name")]
    [InlineData("AzureTableRecords:ConnectionString", "", "AzureTableRecords:ConnectionString is missing")]
    public async Task Start_InvalidSetting_FailsNamingValueAndFix(string setting, string value, string message)
    {
        var settings = ValidSettings();
        settings[setting] = value;
        using var host = BuildHost(settings);

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).WithMessage($"*{message}*");
    }

    [Fact]
    public void Validate_ConnectionStringWithoutKey_NeverShowsIt()
    {
        var options = new AzureBlobObjectStorageOptions
        {
            ContainerName = "c-1",
            ConnectionString = "BlobEndpoint=https://x.blob.core.windows.net;SharedAccessSignature=sv=secret-sig",
        };

        var result = new AzureBlobObjectStorageOptionsValidator().Validate(null, options);

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().NotContain("secret-sig");
    }

    private Dictionary<string, string?> ValidSettings() => new()
    {
        ["AzureBlobStorage:ConnectionString"] = server.ConnectionString,
        ["AzureBlobStorage:ContainerName"] = TestNames.Unique("di"),
        ["AzureBlobStorage:CreateContainerIfMissing"] = "true",
        ["AzureTableRecords:ConnectionString"] = server.ConnectionString,
        ["AzureTableRecords:TableName"] = TestNames.UniqueAlphanumeric("di"),
        ["AzureTableRecords:CreateTableIfMissing"] = "true",
    };

    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddAzureBlobObjectStorage(
            builder.Configuration.GetSection(AzureBlobObjectStorageOptions.SectionName));
        builder.Services.AddAzureTableConversionRecordStore(
            builder.Configuration.GetSection(AzureTableRecordStoreOptions.SectionName));
        return builder.Build();
    }
}
