using System.Net;
using System.Net.Sockets;
using ChangeThisFile.Emulator.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Emulator.Tests;

[Collection(ProcessEnvironmentCollection.Name)]
public sealed class LifecycleTests
{
    [Fact]
    public async Task Start_Default_ListensOnLoopbackFreePort()
    {
        await using var emulator = await ConversionEmulator.StartAsync();

        emulator.BaseAddress.Host.Should().Be("127.0.0.1");
        emulator.BaseAddress.Port.Should().BePositive();
        emulator.ApiKey.Should().Be(ConversionEmulatorOptions.DefaultApiKey);
        emulator.WebhookSecret.Should().Be(ConversionEmulatorOptions.DefaultWebhookSecret);
    }

    [Fact]
    public async Task Start_TwoInstances_AreIsolated()
    {
        await using var first = await ConversionEmulator.StartAsync();
        await using var second = await ConversionEmulator.StartAsync();
        using var api = EmulatorApi.For(first);

        await api.SubmitJobAsync("a\n1\n"u8.ToArray(), "a.csv", "json");

        first.BaseAddress.Should().NotBe(second.BaseAddress);
        first.Jobs.Count.Should().Be(1);
        second.Jobs.Count.Should().Be(0);
    }

    [Fact]
    public async Task Start_FixedPort_ListensThere()
    {
        var port = FreePort();

        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions { Port = port });

        emulator.BaseAddress.Should().Be(new Uri($"http://127.0.0.1:{port}/"));
    }

    [Fact]
    public async Task Start_InvalidOptions_ThrowsListingEachProblem()
    {
        var options = new ConversionEmulatorOptions { Port = -1, RateLimitPerMinute = 0, WebhookRetryScale = -2 };

        var act = () => ConversionEmulator.StartAsync(options);

        var error = (await act.Should().ThrowAsync<ArgumentException>()).Which;
        error.Message.Should().Contain("Port is -1")
            .And.Contain("RateLimitPerMinute is 0")
            .And.Contain("WebhookRetryScale is -2");
    }

    [Fact]
    public async Task Dispose_DeletesTemporaryFilesAndStopsListening()
    {
        var root = Directory.CreateTempSubdirectory("ctf-emulator-lifecycle-").FullName;
        var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions { TempDirectory = root });
        using var api = EmulatorApi.For(emulator);
        var jobId = await api.SubmitJobAsync("a\n1\n"u8.ToArray(), "a.csv", "json");
        await emulator.Jobs.WaitForTerminalAsync(jobId);
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Should().NotBeEmpty();

        await emulator.DisposeAsync();
        await emulator.DisposeAsync();

        Directory.EnumerateFileSystemEntries(root).Should().BeEmpty();
        var act = () => api.Http.GetAsync("/health");
        await act.Should().ThrowAsync<HttpRequestException>();
        Directory.Delete(root);
    }

    [Fact]
    public async Task Options_ChangedAfterStart_DoNotAffectEmulator()
    {
        var options = new ConversionEmulatorOptions { RateLimitPerMinute = 7 };
        await using var emulator = await ConversionEmulator.StartAsync(options);
        options.RateLimitPerMinute = 1;
        using var api = EmulatorApi.For(emulator);

        using var response = await api.Http.GetAsync("/v1/usage");

        response.Headers.GetValues("X-RateLimit-Limit").Single().Should().Be("7");
        emulator.Options.Should().NotBeSameAs(options);
    }

    [Fact]
    public async Task Logging_NeverWritesSecretsOrSignedQueries()
    {
        var sink = new ListLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(
            builder => builder.AddProvider(sink).SetMinimumLevel(LogLevel.Trace));
        await using var receiver = await TestReceiver.StartAsync();
        receiver.StatusFor = n => n == 1 ? 500 : 200;
        var fileUrl = receiver.ServeFile("/in.csv", "a\n1\n"u8.ToArray());
        await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
        {
            LoggerFactory = loggerFactory,
            WebhookRetryScale = 0.001,
            WebhookSecret = "whsec_never_logged",
        });
        using var api = EmulatorApi.For(emulator);

        using var response = await api.SubmitUrlAsync(new Uri(fileUrl + "?X-Amz-Signature=query_secret"), "json",
            ("webhook_url", receiver.Url("/h?token=hook_secret").ToString()));
        var jobId = (await EmulatorApi.JsonAsync(response)).GetProperty("job_id").GetString()!;
        await emulator.Webhooks.WaitForSuccessAsync(jobId);

        var text = string.Join("\n", sink.Messages);
        text.Should().Contain(jobId);
        text.Should().NotContain(emulator.ApiKey).And.NotContain("whsec_never_logged");
        text.Should().NotContain("query_secret").And.NotContain("hook_secret").And.NotContain("signature=");
    }

    [Fact]
    public async Task Start_HostProcessUrlsSet_AreIgnoredWithoutWarning()
    {
        var sink = new ListLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(
            builder => builder.AddProvider(sink).SetMinimumLevel(LogLevel.Trace));
        var previous = Environment.GetEnvironmentVariable("ASPNETCORE_URLS");
        Environment.SetEnvironmentVariable("ASPNETCORE_URLS", "http://127.0.0.1:1");
        try
        {
            await using var emulator = await ConversionEmulator.StartAsync(
                new ConversionEmulatorOptions { LoggerFactory = loggerFactory });

            emulator.BaseAddress.Port.Should().NotBe(1);
            sink.Messages.Should().NotContain(message => message.Contains("Overriding", StringComparison.Ordinal));
        }
        finally
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_URLS", previous);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class ListLoggerProvider : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

        public IReadOnlyCollection<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new ListLogger(_messages);

        public void Dispose()
        {
        }

        private sealed class ListLogger(System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(
                LogLevel logLevel,
                EventId eventId,
                TState state,
                Exception? exception,
                Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception) + " " + exception);
        }
    }
}

/// <summary>Tests that change process environment variables run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Process environment";
}
