using Microsoft.Extensions.Configuration;

namespace ChangeThisFile.Emulator.Hosting;

/// <summary>
/// Reads the emulator process's settings from, in increasing precedence: <c>appsettings.json</c>
/// next to the program, environment variables starting with <c>CTF_</c> (such as
/// <c>CTF_EMULATOR__PORT</c>), and the command line (<c>--port 5080</c> or <c>--Emulator:Port=5080</c>).
/// </summary>
internal static class EmulatorConfiguration
{
    /// <summary>The configuration section that holds <see cref="ConversionEmulatorOptions"/>.</summary>
    public const string SectionName = "Emulator";

    /// <summary>Short command-line switches and the settings they set.</summary>
    public static IReadOnlyDictionary<string, string> Switches { get; } = new Dictionary<string, string>
    {
        ["--port"] = "Emulator:Port",
        ["--api-key"] = "Emulator:ApiKeys:0",
        ["--webhook-secret"] = "Emulator:WebhookSecret",
        ["--signature-form"] = "Emulator:SignatureForm",
        ["--max-file-size"] = "Emulator:MaxFileSizeBytes",
        ["--rate-limit"] = "Emulator:RateLimitPerMinute",
        ["--monthly-limit"] = "Emulator:MonthlyConversionLimit",
        ["--webhook-retry-scale"] = "Emulator:WebhookRetryScale",
        ["--webhook-timeout"] = "Emulator:WebhookTimeout",
        ["--result-url-lifetime"] = "Emulator:ResultUrlLifetime",
        ["--idempotency-window"] = "Emulator:IdempotencyWindow",
        ["--job-retention"] = "Emulator:JobRetention",
        ["--job-queue-delay"] = "Emulator:JobQueueDelay",
        ["--job-processing-delay"] = "Emulator:JobProcessingDelay",
        ["--allow-remote-urls"] = "Emulator:AllowRemoteUrls",
        ["--temp-directory"] = "Emulator:TempDirectory",
        ["--log-level"] = "Logging:LogLevel:Default",
    };

    public static IConfiguration Build(string[] args) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables("CTF_")
            .AddCommandLine(args, new Dictionary<string, string>(Switches))
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
