using System.Net.Http.Headers;
using ChangeThisFile.Emulator.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChangeThisFile.Emulator;

/// <summary>
/// A running local emulator of the ChangeThisFile conversion API on 127.0.0.1: real
/// conversions, jobs, signed webhooks, idempotency, rate limits and fault injection.
/// </summary>
/// <example>
/// <code>
/// await using var emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions
/// {
///     WebhookRetryScale = 0.001,
/// });
/// using var http = emulator.CreateHttpClient();
/// </code>
/// </example>
public sealed partial class ConversionEmulator : IAsyncDisposable
{
    private readonly EmulatorContext _context;
    private readonly EmulatorRuntime _runtime;
    private readonly ILogger _logger;
    private int _disposed;

    private ConversionEmulator(EmulatorContext context, EmulatorRuntime runtime, Uri baseAddress, ILogger logger)
    {
        _context = context;
        _runtime = runtime;
        _logger = logger;
        BaseAddress = baseAddress;
        Jobs = new EmulatorJobs(context.Jobs);
    }

    /// <summary>The root URL the emulator listens on, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>
    /// The default account's current API key; it changes when <c>POST /v1/keys/rotate</c>
    /// rotates it.
    /// </summary>
    public string ApiKey => _context.Accounts.Default.PrimaryKey;

    /// <summary>
    /// The default account's current webhook secret; it changes with <c>POST
    /// /v1/webhooks/secret</c>.
    /// </summary>
    public string WebhookSecret => _context.Accounts.Default.WebhookSecret;

    /// <summary>The settings in use: a copy of those given to <see cref="StartAsync"/>.</summary>
    public ConversionEmulatorOptions Options => _context.Options;

    /// <summary>This emulator's faults, which a test may change at any time.</summary>
    public EmulatorFaults Faults => _context.Faults;

    /// <summary>Every webhook attempt made so far, with ways to wait for one.</summary>
    public WebhookDeliveryLog Webhooks => _context.Deliveries;

    /// <summary>The jobs of every account, for inspection.</summary>
    public EmulatorJobs Jobs { get; }

    /// <summary>The instance's state, for tests of the emulator itself.</summary>
    internal EmulatorContext Context => _context;

    /// <summary>Starts an emulator and returns once it accepts connections.</summary>
    /// <param name="options">The settings; defaults when null. They are copied, so later changes
    /// have no effect.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator, which the caller disposes.</returns>
    /// <exception cref="ArgumentException">A setting is invalid; the message lists each one and its
    /// accepted range.</exception>
    /// <exception cref="IOException">The port is already in use.</exception>
    public static async Task<ConversionEmulator> StartAsync(
        ConversionEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var settings = (options ?? new ConversionEmulatorOptions()).Clone();
        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "The emulator options are invalid: " + string.Join(" ", errors), nameof(options));
        }

        var loggerFactory = settings.LoggerFactory ?? NullLoggerFactory.Instance;
        var context = new EmulatorContext(settings);
        EmulatorRuntime? runtime = null;
        try
        {
            runtime = EmulatorApplication.Build(context, loggerFactory);
            await runtime.App.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = runtime.App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
                .Addresses.First();
            var logger = loggerFactory.CreateLogger<ConversionEmulator>();
            Log.Started(logger, address);
            return new ConversionEmulator(context, runtime, new Uri(address), logger);
        }
        catch
        {
            if (runtime is not null)
            {
                await runtime.DisposeAsync().ConfigureAwait(false);
            }

            context.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Creates an <see cref="HttpClient"/> with <see cref="BaseAddress"/> and the current
    /// <see cref="ApiKey"/> as its Bearer credential; the caller disposes it.
    /// </summary>
    public HttpClient CreateHttpClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
        return client;
    }

    /// <summary>
    /// Stops accepting requests, cancels jobs and webhook retries in progress, and deletes every
    /// temporary file. Safe to call more than once.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(EmulatorApplication.ShutdownTimeout, TimeProvider.System);
            await _runtime.App.StopAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Work that ignored the shutdown timeout is abandoned; disposal continues.
        }
        finally
        {
            await _runtime.DisposeAsync().ConfigureAwait(false);
            _context.Dispose();
            Log.Stopped(_logger, BaseAddress);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information,
            Message = "ChangeThisFile emulator listening on {Address}")]
        public static partial void Started(ILogger logger, string address);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information,
            Message = "ChangeThisFile emulator on {Address} stopped")]
        public static partial void Stopped(ILogger logger, Uri address);
    }
}
