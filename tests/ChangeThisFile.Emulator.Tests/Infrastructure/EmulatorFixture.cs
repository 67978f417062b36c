namespace ChangeThisFile.Emulator.Tests.Infrastructure;

/// <summary>One emulator shared by the tests of a class that do not change its settings or faults.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public ConversionEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Emulator = await ConversionEmulator.StartAsync(new ConversionEmulatorOptions { WebhookRetryScale = 0.001 });

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
