using ChangeThisFile.Client;
using ChangeThisFile.Client.Webhooks;
using ChangeThisFile.Emulator;

namespace ChangeThisFile.Samples.AspNetCore.Hosting;

/// <summary>
/// Runs the ChangeThisFile emulator inside the application when <c>ChangeThisFile:UseEmulator</c>
/// is true, and points the client and the webhook receiver at it: its base address and API key
/// replace <c>ChangeThisFile:Client</c> values, its webhook secret replaces
/// <c>ChangeThisFile:Webhooks:Secrets</c>, and its loopback host is trusted for result downloads.
/// </summary>
internal static class EmbeddedEmulator
{
    /// <summary>The setting that turns the embedded emulator on.</summary>
    public const string UseEmulatorKey = "ChangeThisFile:UseEmulator";

    /// <summary>The section bound to <see cref="ConversionEmulatorOptions"/>.</summary>
    public const string SectionName = "ChangeThisFile:Emulator";

    /// <summary>Starts the emulator when <c>ChangeThisFile:UseEmulator</c> is true; returns null otherwise.</summary>
    /// <exception cref="InvalidOperationException">An emulator setting is unknown or invalid.</exception>
    public static async Task<ConversionEmulator?> StartIfEnabledAsync(
        IConfiguration configuration, ILoggerFactory? loggerFactory, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue(UseEmulatorKey, defaultValue: true))
        {
            return null;
        }

        var options = new ConversionEmulatorOptions { LoggerFactory = loggerFactory };
        configuration.GetSection(SectionName).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        try
        {
            return await ConversionEmulator.StartAsync(options, cancellationToken);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException(
                $"The {SectionName} settings are invalid. {exception.Message}", exception);
        }
    }

    /// <summary>Points the API client and the webhook receiver at the running emulator.</summary>
    public static void UseFor(IServiceCollection services, ConversionEmulator emulator)
    {
        services.AddSingleton(emulator);
        services.PostConfigure<ConversionClientOptions>(Microsoft.Extensions.Options.Options.DefaultName, client =>
        {
            client.BaseAddress = emulator.BaseAddress;
            client.ApiKey = emulator.ApiKey;

            // Results come from the emulator over plain http on loopback, which the client rejects
            // unless the host is listed.
            client.TrustedDownloadHosts.Add(emulator.BaseAddress.Authority);
        });
        services.PostConfigure<WebhookVerificationOptions>(webhooks => webhooks.Secrets = [emulator.WebhookSecret]);
    }
}
