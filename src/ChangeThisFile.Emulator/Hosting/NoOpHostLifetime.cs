using Microsoft.Extensions.Hosting;

namespace ChangeThisFile.Emulator.Hosting;

/// <summary>
/// A host lifetime that ignores console signals: an emulator inside a test process must stop
/// only when disposed, and the emulator process handles its signals itself.
/// </summary>
internal sealed class NoOpHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
