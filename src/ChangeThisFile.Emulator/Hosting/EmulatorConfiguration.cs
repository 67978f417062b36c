using Microsoft.Extensions.Configuration;

namespace ChangeThisFile.Emulator.Hosting;

/// <summary>
/// Reads the emulator process's settings from, in increasing precedence: <c>appsettings.json</c>
/// next to the program, environment variables starting with <c>CTF_</c> (such as
/// <c>CTF_EMULATOR__PORT</c>), and the command line (<c>--port 5080</c> or <c>--Emulator:Port=5080</c>).
/// </summary>
internal static class EmulatorConfiguration
{
    /// <summary>The configuration section that contains <see cref="ConversionEmulatorOptions"/>.</summary>
    public const string SectionName = "Emulator";

    /// <summary>Short command-line switches, the settings they set and their help text.</summary>
    public static IReadOnlyList<(string Switch, string Setting, string Help)> Switches { get; } =
    [
        ("--port", "Emulator:Port", "TCP port on 127.0.0.1; 0 picks a free one"),
        ("--api-key", "Emulator:ApiKeys:0", "API key to accept, such as ctf_sk_test"),
        ("--webhook-secret", "Emulator:WebhookSecret", "secret that signs webhooks, such as whsec_test"),
        ("--signature-form", "Emulator:SignatureForm", "webhook form: Current or Legacy"),
        ("--max-file-size", "Emulator:MaxFileSizeBytes", "largest input file, in bytes"),
        ("--rate-limit", "Emulator:RateLimitPerMinute", "requests per API key per minute"),
        ("--monthly-limit", "Emulator:MonthlyConversionLimit", "conversions per account per month"),
        ("--webhook-retry-scale", "Emulator:WebhookRetryScale", "factor on the 30 s, 5 min, 30 min retry delays"),
        ("--webhook-timeout", "Emulator:WebhookTimeout", "time per webhook attempt, as hh:mm:ss"),
        ("--result-url-lifetime", "Emulator:ResultUrlLifetime", "lifetime of result URLs, as d.hh:mm:ss"),
        ("--idempotency-window", "Emulator:IdempotencyWindow", "replay window of idempotency keys, as d.hh:mm:ss"),
        ("--job-retention", "Emulator:JobRetention", "time jobs are kept, as d.hh:mm:ss"),
        ("--job-queue-delay", "Emulator:JobQueueDelay", "time a job stays queued, as hh:mm:ss"),
        ("--job-processing-delay", "Emulator:JobProcessingDelay", "extra time a job stays processing, as hh:mm:ss"),
        ("--allow-remote-urls", "Emulator:AllowRemoteUrls", "true to allow non-loopback file and webhook URLs"),
        ("--temp-directory", "Emulator:TempDirectory", "folder for uploads and results"),
        ("--log-level", "Logging:LogLevel:Default", "Debug, Information, Warning or Error"),
    ];

    /// <summary>Builds the configuration from the settings file, the environment and <paramref name="args"/>.</summary>
    /// <param name="args">Settings checked by <see cref="EmulatorCommandLine"/>, each as
    /// <c>--Section:Name=value</c>.</param>
    public static IConfiguration Build(string[] args) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables("CTF_")
            .AddCommandLine(args)
            .Build();

    /// <summary>
    /// Binds the <c>Emulator</c> section; unknown setting names are errors, so typos do
    /// not pass silently.
    /// </summary>
    /// <exception cref="InvalidOperationException">A value has the wrong type or a name is
    /// unknown.</exception>
    public static ConversionEmulatorOptions ReadOptions(IConfiguration configuration)
    {
        var options = new ConversionEmulatorOptions();
        configuration.GetSection(SectionName).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        return options;
    }
}
