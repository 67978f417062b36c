using ChangeThisFile.Client.Azure;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Samples.AspNetCore.Hosting;

/// <summary>
/// Creates the blob container before the application serves requests when
/// <c>AzureBlobStorage:CreateContainerIfMissing</c> is true. The adapter creates it on its first
/// own write, but in this flow the first write is the user's upload through a SAS URL, which
/// fails with 404 <c>ContainerNotFound</c> while the container is missing.
/// </summary>
internal sealed class AzureContainerStartup(
    IOptions<AzureBlobObjectStorageOptions> options, IServiceProvider services) : IHostedLifecycleService
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        if (options.Value.CreateContainerIfMissing)
        {
            var storage = services.GetRequiredService<AzureBlobObjectStorage>();
            await storage.CreateContainerIfMissingAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
