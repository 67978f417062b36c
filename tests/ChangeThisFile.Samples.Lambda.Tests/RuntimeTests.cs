using System.Text;
using ChangeThisFile.Samples.Lambda.Events;
using ChangeThisFile.Samples.Lambda.Functions;
using ChangeThisFile.Samples.Lambda.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ChangeThisFile.Samples.Lambda.Tests;

/// <summary>The custom runtime loop and the program's start-up against a fake Runtime API on Kestrel.</summary>
public sealed class RuntimeTests(LambdaTestEnvironment environment) : IClassFixture<LambdaTestEnvironment>
{
    private const string UnknownFileId = "AAAAAAAAAAAAAAAAAAAAAA";

    [Fact]
    public async Task Runtime_TwoInvocations_PostsEachResponse()
    {
        await using var app = await environment.CreateAppAsync();
        await using var api = await FakeRuntimeApi.StartAsync();
        var first = api.Enqueue(StatusEvent(UnknownFileId));
        var second = api.Enqueue(StatusEvent("short"));
        api.Complete();

        var run = () => Runtime(api, app.Status, TimeProvider.System).RunAsync(CancellationToken.None);

        await run.Should().ThrowAsync<HttpRequestException>("the Runtime API stops handing out invocations");
        var firstResponse = await (await api.OutcomeAsync(first)).ProxyResponseAsync();
        var secondResponse = await (await api.OutcomeAsync(second)).ProxyResponseAsync();
        firstResponse.StatusCode.Should().Be(404);
        firstResponse.Json.GetProperty("file_id").GetString().Should().Be(UnknownFileId);
        secondResponse.Json.GetProperty("message").GetString().Should().Contain("has 5 characters");
    }

    [Fact]
    public async Task Runtime_HandlerThrows_PostsErrorWithType()
    {
        await using var app = await environment.CreateAppAsync();
        await using var api = await FakeRuntimeApi.StartAsync();
        var requestId = api.Enqueue("not json"u8.ToArray());
        api.Complete();

        await Runtime(api, app.SubmitUpload, TimeProvider.System).Invoking(runtime => runtime.RunAsync(default))
            .Should().ThrowAsync<HttpRequestException>();

        var outcome = await api.OutcomeAsync(requestId);
        outcome.IsError.Should().BeTrue();
        outcome.ErrorType.Should().Be("System.FormatException");
        outcome.Json.GetProperty("errorType").GetString().Should().Be("System.FormatException");
        outcome.Json.GetProperty("errorMessage").GetString().Should().Contain("not valid JSON");
    }

    [Fact]
    public async Task Runtime_DeadlinePassed_HandlerAnswers503()
    {
        await using var app = await environment.CreateAppAsync();
        await using var api = await FakeRuntimeApi.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var requestId = api.Enqueue(StatusEvent(UnknownFileId), clock.GetUtcNow() + LambdaRuntime.DeadlineMargin / 2);
        api.Complete();

        await Runtime(api, app.Status, clock).Invoking(runtime => runtime.RunAsync(default))
            .Should().ThrowAsync<HttpRequestException>();

        var response = await (await api.OutcomeAsync(requestId)).ProxyResponseAsync();
        response.StatusCode.Should().Be(503);
        response.ErrorCode.Should().Be("timeout");
    }

    [Fact]
    public async Task Runtime_DeadlineAhead_HandlerCompletes()
    {
        await using var app = await environment.CreateAppAsync();
        await using var api = await FakeRuntimeApi.StartAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
        var requestId = api.Enqueue(StatusEvent(UnknownFileId), clock.GetUtcNow() + TimeSpan.FromSeconds(25));
        api.Complete();

        await Runtime(api, app.Status, clock).Invoking(runtime => runtime.RunAsync(default))
            .Should().ThrowAsync<HttpRequestException>();

        (await (await api.OutcomeAsync(requestId)).ProxyResponseAsync()).StatusCode.Should().Be(404);
    }

    [Fact]
    public async Task Runtime_StoppingToken_EndsLoop()
    {
        await using var app = await environment.CreateAppAsync();
        await using var api = await FakeRuntimeApi.StartAsync();
        using var stop = new CancellationTokenSource();
        var run = Runtime(api, app.Status, TimeProvider.System).RunAsync(stop.Token);
        await api.FirstNextAsync();

        await stop.CancelAsync();

        await run.WaitAsync(TimeSpan.FromSeconds(30));
        run.IsCompletedSuccessfully.Should().BeTrue();
    }

    [Fact]
    public async Task EntryPoint_UnknownHandler_PostsInitError()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        var settings = await SettingsAsync();

        var exitCode = await LambdaEntryPoint.RunAsync([], api.HostAndPort, "Resize", Configure(settings));

        exitCode.Should().Be(LambdaEntryPoint.InitFailedExitCode);
        var error = await api.InitErrorAsync();
        error.ErrorType.Should().Be("Runtime.NoSuchHandler");
        error.Json.GetProperty("errorMessage").GetString().Should().Contain("'Resize'")
            .And.Contain(string.Join(", ", LambdaHandlers.Names));
    }

    [Fact]
    public async Task EntryPoint_InvalidSettings_PostsConfigInvalid()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        var settings = await SettingsAsync();
        settings.Remove("S3Storage:BucketName");
        settings["ConversionFlow:WebhookUrl"] = "http://example.com/hook";

        var exitCode = await LambdaEntryPoint.RunAsync([], api.HostAndPort, LambdaHandlers.Status, Configure(settings));

        exitCode.Should().Be(LambdaEntryPoint.InitFailedExitCode);
        var error = await api.InitErrorAsync();
        error.ErrorType.Should().Be("Runtime.ConfigInvalid");
        var message = error.Json.GetProperty("errorMessage").GetString();
        message.Should().Contain("S3Storage:BucketName").And.Contain("ConversionFlow:WebhookUrl");
        message.Should().NotContain(".;");
        message.Should().NotContain(settings["ChangeThisFile:ApiKey"]!)
            .And.NotContain(settings["ChangeThisFile:Webhooks:Secrets:0"]!);
    }

    [Fact]
    public async Task EntryPoint_ValidSettings_ServesInvocations()
    {
        await using var api = await FakeRuntimeApi.StartAsync();
        var settings = await SettingsAsync();
        var requestId = api.Enqueue(StatusEvent(UnknownFileId));
        api.Complete();

        var exitCode = await LambdaEntryPoint.RunAsync([], api.HostAndPort, "status", Configure(settings));

        exitCode.Should().Be(LambdaEntryPoint.RuntimeApiFailedExitCode);
        api.HasInitError.Should().BeFalse();
        (await (await api.OutcomeAsync(requestId)).ProxyResponseAsync()).StatusCode.Should().Be(404);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("127.0.0.1:9001/path")]
    public async Task EntryPoint_NoRuntimeApi_ReturnsUsageExitCode(string? runtimeApi)
    {
        var exitCode = await LambdaEntryPoint.RunAsync([], runtimeApi, LambdaHandlers.Status);

        exitCode.Should().Be(LambdaEntryPoint.UsageExitCode);
    }

    internal static byte[] StatusEvent(string fileId) => new TestHttpRequest("GET", "/conversions/" + fileId)
    {
        Route = "/conversions/{fileId}",
        PathParameters = new Dictionary<string, string> { ["fileId"] = fileId },
    }.ToEvent(ProxyFormat.HttpApi);

    private static LambdaRuntime Runtime(FakeRuntimeApi api, ILambdaHandler handler, TimeProvider clock)
    {
        var http = new HttpClient
        {
            BaseAddress = LambdaRuntimeClient.BaseAddressFor(api.HostAndPort),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        return new LambdaRuntime(new LambdaRuntimeClient(http), handler, clock, NullLogger<LambdaRuntime>.Instance);
    }

    private async Task<Dictionary<string, string?>> SettingsAsync()
    {
        await using var app = await environment.CreateAppAsync();
        return new Dictionary<string, string?>(app.Settings) { ["Logging:LogLevel:Default"] = "None" };
    }

    private static Action<IConfigurationBuilder> Configure(Dictionary<string, string?> settings) =>
        builder => builder.AddInMemoryCollection(settings);
}
