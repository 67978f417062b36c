using ChangeThisFile.Client.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Flow.Tests.Unit;

public sealed class RegistrationTests
{
    [Fact]
    public async Task AddConversionFlow_Configuration_BindsEverySetting()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConversionFlow:WebhookUrl"] = "https://app.example.test/hooks",
            ["ConversionFlow:AllowedTargets:0"] = "pdf",
            ["ConversionFlow:AllowedTargets:1"] = "webp",
            ["ConversionFlow:InputKeyPrefix"] = "in/",
            ["ConversionFlow:OutputKeyPrefix"] = "out/",
            ["ConversionFlow:UploadUrlExpiry"] = "00:05:00",
            ["ConversionFlow:MaxUploadSizeBytes"] = "1048576",
            ["ConversionFlow:ClientName"] = "conversions",
        }).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddConversionClient("conversions", options => options.ApiKey = "ctf_sk_registration");
        builder.Services.AddSingleton<IObjectStorage>(new InMemoryObjectStorage());
        builder.Services.AddSingleton<IConversionRecordStore>(new InMemoryConversionRecordStore());
        builder.Services.AddConversionFlow(configuration.GetSection(ConversionFlowOptions.SectionName));
        using var host = builder.Build();

        await host.StartAsync();
        var options = host.Services.GetRequiredService<IOptions<ConversionFlowOptions>>().Value;
        await host.StopAsync();

        options.WebhookUrl.Should().Be(new Uri("https://app.example.test/hooks"));
        options.AllowedTargets.Should().Equal("pdf", "webp");
        options.InputKeyPrefix.Should().Be("in/");
        options.OutputKeyPrefix.Should().Be("out/");
        options.UploadUrlExpiry.Should().Be(TimeSpan.FromMinutes(5));
        options.MaxUploadSizeBytes.Should().Be(1048576);
        options.ClientName.Should().Be("conversions");
        host.Services.GetRequiredService<IConversionFlow>()
            .Should().BeSameAs(host.Services.GetRequiredService<ConversionFlow>());
    }

    [Fact]
    public async Task Start_MissingServices_FailsNamingEach()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddConversionFlow(options =>
        {
            options.WebhookUrl = new Uri("https://app.example.test/hooks");
            options.AllowedTargets.Add("pdf");
        });
        using var host = builder.Build();

        var start = () => host.StartAsync();

        var failure = (await start.Should().ThrowAsync<OptionsValidationException>()).Which;
        failure.Failures.Should().Contain(message => message.Contains("No IObjectStorage is registered"));
        failure.Failures.Should().Contain(message => message.Contains("No IConversionRecordStore is registered"));
        failure.Failures.Should().Contain(message => message.Contains("No ChangeThisFile client is registered"));
    }

    [Fact]
    public async Task Start_WithOverlappingPrefixes_Fails()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddConversionClient(options => options.ApiKey = "ctf_sk_registration");
        builder.Services.AddSingleton<IObjectStorage>(new InMemoryObjectStorage());
        builder.Services.AddSingleton<IConversionRecordStore>(new InMemoryConversionRecordStore());
        builder.Services.AddConversionFlow(options =>
        {
            options.WebhookUrl = new Uri("https://app.example.test/hooks");
            options.AllowedTargets.Add("pdf");
            options.OutputKeyPrefix = "uploads/converted/";
        });
        using var host = builder.Build();

        var start = () => host.StartAsync();

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message
            .Should().Contain("would look like a new upload to a storage trigger");
    }

    [Fact]
    public void AddConversionFlowHandler_RegistersFlowAdapter()
    {
        var services = new ServiceCollection();

        services.AddConversionWebhooks(options => options.Secrets.Add("whsec_registration")).AddConversionFlowHandler();

        services.Should().ContainSingle(descriptor => descriptor.ServiceType == typeof(IConversionWebhookHandler))
            .Which.ImplementationType.Should().Be<ConversionFlowWebhookHandler>();
    }

    [Fact]
    public void Constructor_InvalidOptions_Throws()
    {
        using var provider = new ServiceCollection()
            .AddConversionClient(options => options.ApiKey = "ctf_sk_registration").Services.BuildServiceProvider();

        var create = () => new ConversionFlow(
            provider.GetRequiredService<IConversionClientFactory>(),
            new InMemoryObjectStorage(),
            new InMemoryConversionRecordStore(),
            Options.Create(new ConversionFlowOptions()));

        create.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("AllowedTargets is empty");
    }

    [Fact]
    public void Constructor_SeveralInvalidOptions_JoinsSentences()
    {
        using var provider = new ServiceCollection()
            .AddConversionClient(options => options.ApiKey = "ctf_sk_registration").Services.BuildServiceProvider();
        var options = new ConversionFlowOptions { OutputKeyPrefix = ConversionFlowOptions.DefaultInputKeyPrefix };

        var create = () => new ConversionFlow(
            provider.GetRequiredService<IConversionClientFactory>(),
            new InMemoryObjectStorage(),
            new InMemoryConversionRecordStore(),
            Options.Create(options));

        var failure = create.Should().Throw<OptionsValidationException>().Which;
        failure.Failures.Should().HaveCountGreaterThan(2);
        failure.Message.Should().Be(string.Join(" ", failure.Failures));
        failure.Message.Should().NotContain(".;");
    }
}
