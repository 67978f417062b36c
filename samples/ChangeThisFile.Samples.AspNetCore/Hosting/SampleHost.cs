using ChangeThisFile.Emulator;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging.Console;

namespace ChangeThisFile.Samples.AspNetCore.Hosting;

/// <summary>
/// The sample application: builds it from configuration, starts the embedded emulator when
/// configured, starts Kestrel, and stops both in order.
/// </summary>
internal sealed class SampleHost : IAsyncDisposable
{
    /// <summary>How many times a start is tried when a port chosen here was taken in the meantime.</summary>
    private const int MaxStartAttempts = 3;

    private const string ClientCategory = "ChangeThisFile.Client.ConversionClient";

    private const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    private readonly ILoggerFactory? _emulatorLogging;
    private bool _started;

    private SampleHost(
        WebApplication app, ConversionEmulator? emulator, ListenAddress address, string storageProvider,
        ILoggerFactory? emulatorLogging)
    {
        App = app;
        Emulator = emulator;
        Address = address;
        StorageProvider = storageProvider;
        _emulatorLogging = emulatorLogging;
    }

    /// <summary>The application.</summary>
    public WebApplication App { get; }

    /// <summary>The embedded emulator, when <c>ChangeThisFile:UseEmulator</c> is true.</summary>
    public ConversionEmulator? Emulator { get; }

    /// <summary>Where the application listens and the base URL it gives out.</summary>
    public ListenAddress Address { get; }

    /// <summary>The storage provider in use: <c>Local</c>, <c>Aws</c> or <c>Azure</c>.</summary>
    public string StorageProvider { get; }

    /// <summary>Builds and starts the application; the caller disposes it.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid; the message names it.</exception>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">
    /// A library setting is invalid.
    /// </exception>
    /// <exception cref="AggregateException">
    /// Several library settings are invalid; <see cref="StartupFailure"/> joins their messages.
    /// </exception>
    /// <exception cref="IOException">The listen port is in use.</exception>
    public static async Task<SampleHost> StartAsync(SampleHostOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        for (var attempt = 1; ; attempt++)
        {
            var host = await BuildAsync(options, cancellationToken);
            try
            {
                await host.App.StartAsync(cancellationToken);
                host._started = true;
                return host;
            }
            catch (IOException exception) when (host.Address.PortWasChosen && attempt < MaxStartAttempts
                && exception.InnerException is AddressInUseException)
            {
                // Another process took the free port between the check and the bind, so try a new one.
                await host.DisposeAsync();
            }
            catch
            {
                await host.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Stops the application, then the embedded emulator.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_started)
            {
                _started = false;
                await App.StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            await App.DisposeAsync();
            if (Emulator is not null)
            {
                await Emulator.DisposeAsync();
            }

            _emulatorLogging?.Dispose();
        }
    }

    private static async Task<SampleHost> BuildAsync(SampleHostOptions options, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(
            new WebApplicationOptions { Args = [.. options.Args], ContentRootPath = options.ContentRootPath });
        if (options.Quiet)
        {
            LogWarningsToStandardError(builder);
        }

        var (address, provider, localDefaults) = ReadHostSettings(builder);
        var emulatorLogging = options.Quiet ? null : CreateEmulatorLogging(builder.Configuration);
        ConversionEmulator? emulator = null;
        try
        {
            emulator = await EmbeddedEmulator.StartIfEnabledAsync(
                builder.Configuration, emulatorLogging, cancellationToken);
            SampleServices.Add(builder.Services, builder.Configuration, address, provider, localDefaults);
            if (emulator is not null)
            {
                EmbeddedEmulator.UseFor(builder.Services, emulator);
            }

            options.ConfigureBuilder?.Invoke(builder);
            var app = builder.Build();
            SampleServices.MapEndpoints(app, provider);
            return new SampleHost(app, emulator, address, provider, emulatorLogging);
        }
        catch
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }

            emulatorLogging?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the listen and public URLs, the storage provider and the data folder, and sets the listen URLs.
    /// </summary>
    private static (ListenAddress Address, string Provider, LocalDefaults LocalDefaults) ReadHostSettings(
        WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SampleSettings.SectionName).Get<SampleSettings>() ?? new();
        var address = ListenAddress.Resolve(
            builder.Configuration[WebHostDefaults.ServerUrlsKey], settings.PublicBaseUrl);
        builder.WebHost.UseUrls(address.ListenUrls);
        var provider = Hosting.StorageProvider.Read(builder.Configuration);
        var contentRoot = builder.Environment.ContentRootPath;
        var dataDirectory = Path.GetFullPath(settings.DataDirectory, contentRoot);
        return (address, provider, new LocalDefaults(contentRoot, dataDirectory, address.PublicBaseUrl));
    }

    /// <summary>Keeps standard output for the caller: warnings and errors only, on standard error.</summary>
    private static void LogWarningsToStandardError(WebApplicationBuilder builder)
    {
        builder.Services.Configure<ConsoleLoggerOptions>(
            console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.PostConfigure<LoggerFilterOptions>(filter =>
        {
            filter.Rules.Clear();
            filter.MinLevel = LogLevel.Warning;

            // The client logs every failed API call at Error with a stack trace, even an expected 422
            // for an unsupported target, and the host logs an invalid setting the same way. The flow
            // and the command report each of these failures in one line.
            filter.Rules.Add(new LoggerFilterRule(null, ClientCategory, LogLevel.Critical, null));
            filter.Rules.Add(new LoggerFilterRule(null, HostCategory, LogLevel.Critical, null));
        });
    }

    /// <summary>
    /// The emulator starts before the application's logging exists, so it gets its own console
    /// logger. Its host's start-up lines are left out; they would repeat the application's.
    /// </summary>
    private static ILoggerFactory CreateEmulatorLogging(ConfigurationManager configuration) =>
        LoggerFactory.Create(logging => logging
            .AddConfiguration(configuration.GetSection("Logging"))
            .AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning)
            .AddConsole());
}
