using System.Reflection;
using System.Text.Json;
using ChangeThisFile.Samples.Functions.Functions;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Samples.Functions.Tests;

/// <summary>The app settings and trigger attributes agree with <see cref="FunctionsServices"/>.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void LocalSettings_PassStartupValidation()
    {
        using var provider = Build(LocalSettings());

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().NotThrow();
    }

    [Fact]
    public void InputPrefix_DifferentFromTrigger_FailsStartup()
    {
        var settings = LocalSettings();
        settings["ConversionFlow:InputKeyPrefix"] = "incoming/";
        using var provider = Build(settings);

        var validate = () => provider.GetRequiredService<IStartupValidator>().Validate();

        validate.Should().Throw<OptionsValidationException>().WithMessage("*'incoming/'*'uploads/'*");
    }

    [Fact]
    public void BlobTrigger_ReadsTheUploadSettings()
    {
        var parameter = typeof(SubmitUploadFunction).GetMethod(nameof(SubmitUploadFunction.Run))!.GetParameters()[0];

        var trigger = parameter.GetCustomAttribute<BlobTriggerAttribute>()!;

        trigger.BlobPath.Should().Be($"%{FunctionsServices.UploadContainerSetting}%/uploads/{{name}}");
        trigger.Connection.Should().Be(FunctionsServices.UploadStorageSetting);
    }

    [Theory]
    [InlineData(nameof(ConversionFunctions.CreateUpload), "conversions", "post")]
    [InlineData(nameof(ConversionFunctions.GetStatus), "conversions/{fileId}", "get")]
    public void HttpTriggers_ServeDocumentedRoutes(string method, string route, string verb)
    {
        var parameter = typeof(ConversionFunctions).GetMethod(method)!.GetParameters()[0];

        var trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()!;

        trigger.Route.Should().Be(route);
        trigger.Methods.Should().Equal(verb);
        trigger.AuthLevel.Should().Be(AuthorizationLevel.Function);
    }

    [Fact]
    public void WebhookTrigger_IsAnonymous()
    {
        var parameter = typeof(WebhookFunction).GetMethod(nameof(WebhookFunction.Run))!.GetParameters()[0];

        var trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()!;

        trigger.Route.Should().Be("webhooks/changethisfile");
        trigger.AuthLevel.Should().Be(AuthorizationLevel.Anonymous);
    }

    /// <summary>
    /// The <c>Values</c> of the sample's local.settings.json, as the host turns them into configuration.
    /// </summary>
    private static Dictionary<string, string?> LocalSettings()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Settings", "local.settings.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(
            value => value.Name.Replace("__", ":", StringComparison.Ordinal), value => value.Value.GetString());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection().AddLogging();
        FunctionsServices.Configure(services, new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }
}
