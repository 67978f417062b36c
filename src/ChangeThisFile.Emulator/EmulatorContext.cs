using ChangeThisFile.Emulator.Accounts;
using ChangeThisFile.Emulator.Http;
using ChangeThisFile.Emulator.Idempotency;
using ChangeThisFile.Emulator.Jobs;

namespace ChangeThisFile.Emulator;

/// <summary>
/// The state one emulator instance owns: settings, stores, faults and its temporary
/// folder.
/// </summary>
internal sealed class EmulatorContext : IDisposable
{
    public EmulatorContext(ConversionEmulatorOptions options)
    {
        Options = options;
        Faults.CopySettingsFrom(options.Faults);
        TempFiles = new TempFiles(options.TempDirectory);
        Accounts = new AccountStore(options);
        Jobs = new JobStore(options);
        Idempotency = new IdempotencyStore(options.TimeProvider, options.IdempotencyWindow);
        RateLimiter = new RateLimiter(options.TimeProvider, options.RateLimitPerMinute);
        ResultUrls = new ResultUrlSigner(options.TimeProvider, options.ResultUrlLifetime);
    }

    public ConversionEmulatorOptions Options { get; }

    public EmulatorFaults Faults { get; } = new();

    public TempFiles TempFiles { get; }

    public AccountStore Accounts { get; }

    public JobStore Jobs { get; }

    public IdempotencyStore Idempotency { get; }

    public RateLimiter RateLimiter { get; }

    public ResultUrlSigner ResultUrls { get; }

    public WebhookDeliveryLog Deliveries { get; } = new();

    public void Dispose()
    {
        Idempotency.Dispose();
        TempFiles.Dispose();
    }
}
