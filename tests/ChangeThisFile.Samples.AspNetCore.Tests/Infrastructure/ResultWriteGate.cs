using ChangeThisFile.Client.Local;
using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;

/// <summary>
/// Holds every result write of the flow until it is cancelled, and reports when one begins, so a
/// test can stop the host while a webhook is being handled. Other storage calls pass through to
/// the sample's local storage.
/// </summary>
internal sealed class ResultWriteGate
{
    private const string ResultPrefix = "results/";

    /// <summary>Completes when the first result write begins.</summary>
    public TaskCompletionSource WriteStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Puts the gate in front of the local storage the flow uses.</summary>
    public void Install(IServiceCollection services) =>
        services.Replace(ServiceDescriptor.Singleton<IObjectStorage>(
            provider => new GatedStorage(provider.GetRequiredService<LocalObjectStorage>(), this)));

    private sealed class GatedStorage(IObjectStorage inner, ResultWriteGate gate) : IObjectStorage
    {
        public Task<PresignedRequest> CreateUploadRequestAsync(
            string key, PresignedUploadOptions options, CancellationToken cancellationToken = default) =>
            inner.CreateUploadRequestAsync(key, options, cancellationToken);

        public Task<PresignedRequest> CreateDownloadRequestAsync(
            string key, PresignedDownloadOptions options, CancellationToken cancellationToken = default) =>
            inner.CreateDownloadRequestAsync(key, options, cancellationToken);

        public async Task WriteAsync(
            string key,
            Stream content,
            ObjectWriteOptions? options = null,
            CancellationToken cancellationToken = default)
        {
            if (!key.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                await inner.WriteAsync(key, content, options, cancellationToken);
                return;
            }

            gate.WriteStarted.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken = default) =>
            inner.OpenReadAsync(key, cancellationToken);

        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken = default) =>
            inner.ExistsAsync(key, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(key, cancellationToken);
    }
}
