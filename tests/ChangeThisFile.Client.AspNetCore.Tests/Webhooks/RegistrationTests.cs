using System.Net;
using System.Text;
using ChangeThisFile.Client.AspNetCore.Tests.Infrastructure;
using ChangeThisFile.Client.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.AspNetCore.Tests.Webhooks;

/// <summary>Service registration, start-up validation, endpoint mapping and dispatch.</summary>
public sealed class RegistrationTests
{
    [Theory]
    [InlineData("Webhooks:BodyReadTimeout", "300", "ConversionWebhookOptions.BodyReadTimeout is 300.00:00:00")]
    [InlineData(
        "Webhooks:QueueCapacity",
        "0",
        "ConversionWebhookOptions.QueueCapacity is 0; set a whole number from 1 to 1000000")]
    [InlineData("Webhooks:QueueConcurrency", "65", "ConversionWebhookOptions.QueueConcurrency is 65")]
    [InlineData("Webhooks:DrainTimeout", "-00:00:01", "ConversionWebhookOptions.DrainTimeout is -00:00:01")]
    [InlineData(
        "Webhooks:DeduplicationWindow", "31.00:00:00", "ConversionWebhookOptions.DeduplicationWindow is 31.00:00:00")]
    [InlineData("Webhooks:RetryAfter", "00:00:00", "ConversionWebhookOptions.RetryAfter is 00:00:00")]
    [InlineData("Webhooks:QueuedMaxAttempts", "0", "ConversionWebhookOptions.QueuedMaxAttempts is 0")]
    [InlineData("Webhooks:Tolerance", "300", "WebhookVerificationOptions.Tolerance is 300.00:00:00")]
    [InlineData("Webhooks:MaxBodySize", "0", "WebhookVerificationOptions.MaxBodySize is 0")]
    public async Task Start_InvalidSetting_FailsNamingValue(string key, string value, string expected)
    {
        var start = () => WebhookTestApp.StartAsync(options => options.Settings[key] = value);

        var failure = await start.Should().ThrowAsync<OptionsValidationException>();

        failure.Which.Message.Should().Contain(expected);
    }

    [Theory]
    [InlineData("Queueed")]
    [InlineData("Later")]
    public async Task Start_UnknownModeName_ListsModes(string mode)
    {
        var start = () => WebhookTestApp.StartAsync(options => options.Settings["Webhooks:Mode"] = mode);

        var failure = await start.Should().ThrowAsync<OptionsValidationException>();

        failure.Which.Message.Should()
            .Contain($"ConversionWebhookOptions.Mode (configuration key 'Webhooks:Mode') is '{mode}'");
        failure.Which.Message.Should().Contain("set one of: Inline, Queued.");
    }

    [Theory]
    [InlineData("queued", WebhookAcknowledgementMode.Queued)]
    [InlineData("Inline", WebhookAcknowledgementMode.Inline)]
    public async Task Start_ModeName_IsBoundIgnoringCase(string mode, WebhookAcknowledgementMode expected)
    {
        await using var app = await WebhookTestApp.StartAsync(options => options.Settings["Webhooks:Mode"] = mode);

        var options = app.App.Services.GetRequiredService<IOptionsMonitor<ConversionWebhookOptions>>().CurrentValue;

        options.Mode.Should().Be(expected);
    }

    [Fact]
    public async Task Start_NoSecret_FailsWithFix()
    {
        var start = () => WebhookTestApp.StartAsync(options => options.Settings.Clear());

        var failure = await start.Should().ThrowAsync<OptionsValidationException>();

        failure.Which.Message.Should().Contain("WebhookVerificationOptions.Secrets is empty")
            .And.Contain("POST /v1/webhooks/secret");
    }

    [Fact]
    public async Task Start_BadSecret_MessageNeverContainsSecret()
    {
        var start = () => WebhookTestApp.StartAsync(
            options => options.Settings["Webhooks:Secrets:0"] = " whsec_padded_value ");

        var failure = await start.Should().ThrowAsync<OptionsValidationException>();

        failure.Which.Message.Should().Contain("WebhookVerificationOptions.Secrets[0] starts or ends with white space");
        failure.Which.Message.Should().NotContain("whsec_padded_value");
    }

    [Fact]
    public void MapConversionWebhooks_NoHandlerRegistered_ThrowsWithFix()
    {
        var app = BuildApp(
            services => services.AddConversionWebhooks(options => options.Secrets = [WebhookTestApp.Secret]));

        var map = () => app.MapConversionWebhooks("/hooks");

        map.Should().Throw<InvalidOperationException>().WithMessage("*AddHandler<THandler>()*");
    }

    [Fact]
    public void MapConversionWebhooks_ReceiverNotRegistered_ThrowsWithFix()
    {
        var app = BuildApp(_ => { });

        var map = () => app.MapConversionWebhooks("/hooks", (_, _) => Task.CompletedTask);

        map.Should().Throw<InvalidOperationException>().WithMessage("*AddConversionWebhooks*");
    }

    [Fact]
    public void UseConversionWebhookVerification_ReceiverNotRegistered_ThrowsWithFix()
    {
        var app = BuildApp(_ => { });

        var use = () => app.UseConversionWebhookVerification("/hooks");

        use.Should().Throw<InvalidOperationException>().WithMessage("*AddConversionWebhooks*");
    }

    [Fact]
    public async Task MapConversionWebhooks_Delegate_ReceivesEveryEventType()
    {
        var received = new List<string>();
        await using var app = await WebhookTestApp.StartAsync(options => options.Pipeline = web =>
            web.MapConversionWebhooks(WebhookTestApp.Path, (webhookEvent, _) =>
            {
                received.Add(webhookEvent.Type.Value);
                return Task.CompletedTask;
            }));

        foreach (var type in new[] { "job.completed", "job.failed", "webhook.test", "job.archived" })
        {
            using var response = await app.PostAsync(EventBody(type));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        received.Should().Equal("job.completed", "job.failed", "webhook.test", "job.archived");
        app.Probe.Count.Should().Be(0);
    }

    [Theory]
    [InlineData("job.completed", "OnJobCompletedAsync")]
    [InlineData("JOB.FAILED", "OnJobFailedAsync")]
    [InlineData("webhook.test", "OnTestAsync")]
    [InlineData("job.archived", "OnUnknownEventAsync")]
    [InlineData("", "OnUnknownEventAsync")]
    public async Task MapConversionWebhooks_Handler_DispatchesByType(string type, string method)
    {
        await using var app = await WebhookTestApp.StartAsync();

        using var response = await app.PostAsync(EventBody(type));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        app.Probe.Calls.Single().Method.Should().Be(method);
    }

    [Fact]
    public async Task MapConversionWebhooks_ConventionBuilder_AppliesToEndpoint()
    {
        await using var app = await WebhookTestApp.StartAsync(options => options.Pipeline = web =>
            web.MapConversionWebhooks(WebhookTestApp.Path).RequireHost("hooks.example.test"));

        using var response = await app.PostAsync(WebhookTestApp.CompletedBody());

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        app.Probe.Count.Should().Be(0);
    }

    [Fact]
    public async Task MapConversionWebhooks_GetRequest_IsNotHandled()
    {
        await using var app = await WebhookTestApp.StartAsync();

        using var response = await app.Client.GetAsync(WebhookTestApp.Path);

        ((int)response.StatusCode).Should().BeOneOf(404, 405);
        app.Probe.Count.Should().Be(0);
    }

    [Fact]
    public void AddConversionWebhooks_CustomStore_ReplacesInMemoryStore()
    {
        var services = new ServiceCollection();
        services.AddConversionWebhooks(options => options.Secrets = [WebhookTestApp.Secret])
            .UseDeduplicationStore<CountingStore>();
        using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<IWebhookDeduplicationStore>();

        store.Should().BeOfType<CountingStore>();
    }

    [Fact]
    public async Task AddConversionWebhooks_CodeOptions_ApplyBothOptionTypes()
    {
        var services = new ServiceCollection();
        services.AddConversionWebhooks(
            verification => verification.Secrets = [WebhookTestApp.Secret],
            receiver => receiver.Mode = WebhookAcknowledgementMode.Queued);
        await using var provider = services.BuildServiceProvider();

        var receiverOptions = provider.GetRequiredService<IOptions<ConversionWebhookOptions>>().Value;

        receiverOptions.Mode.Should().Be(WebhookAcknowledgementMode.Queued);
        receiverOptions.QueueCapacity.Should().Be(ConversionWebhookOptions.DefaultQueueCapacity);
    }

    private static byte[] EventBody(string type) =>
        Encoding.UTF8.GetBytes($"{{\"event\":\"{type}\",\"data\":{{\"job_id\":\"j\"}}}}");

    private static WebApplication BuildApp(Action<IServiceCollection> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        configure(builder.Services);
        return builder.Build();
    }

    private sealed class CountingStore : IWebhookDeduplicationStore
    {
        public ValueTask<WebhookClaimResult> TryClaimAsync(
            string key, TimeSpan lease, CancellationToken cancellationToken) =>
            ValueTask.FromResult(WebhookClaimResult.Claimed);

        public ValueTask MarkProcessedAsync(string key, TimeSpan retention, CancellationToken cancellationToken) =>
            ValueTask.CompletedTask;

        public ValueTask ReleaseAsync(string key, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
