using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;

namespace ChangeThisFile.Client.Azure;

/// <summary>
/// Signs blob SAS URLs with the account key when the client has one, otherwise with a user delegation
/// key (for a client with a token credential, such as a managed identity), which is cached and renewed
/// before it expires.
/// </summary>
internal sealed class AzureBlobSasSigner(BlobServiceClient service, TimeProvider timeProvider)
{
    // Azure caps a user delegation key at 7 days, the longest SAS this library issues.
    private static readonly TimeSpan DelegationKeyLifetime = TimeSpan.FromDays(7);
    private static readonly TimeSpan DelegationClockSkew = TimeSpan.FromMinutes(5);

    private readonly object _gate = new();
    private Task<UserDelegationKey>? _delegationKey;

    public async Task<Uri> SignAsync(BlobClient blob, BlobSasBuilder sas, CancellationToken cancellationToken)
    {
        if (blob.CanGenerateSasUri)
        {
            return blob.GenerateSasUri(sas);
        }

        // NOTE: this path needs a token credential, which Azurite offers only over HTTPS with OAuth, so the
        // tests exercise the account-key path alone.
        var key = await GetDelegationKeyAsync(sas.ExpiresOn).WaitAsync(cancellationToken).ConfigureAwait(false);
        var builder = new BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key, service.AccountName) };
        return builder.ToUri();
    }

    // One request at a time renews the shared key; a failed request is retried by the next caller.
    private Task<UserDelegationKey> GetDelegationKeyAsync(DateTimeOffset sasExpiresOn)
    {
        lock (_gate)
        {
            var current = _delegationKey;
            var stale = current is null || current.IsFaulted || current.IsCanceled ||
                (current.IsCompletedSuccessfully && current.Result.SignedExpiresOn < sasExpiresOn);
            if (stale)
            {
                _delegationKey = FetchDelegationKeyAsync();
            }

            return _delegationKey!;
        }
    }

    private async Task<UserDelegationKey> FetchDelegationKeyAsync()
    {
        var now = timeProvider.GetUtcNow();
        var response = await service.GetUserDelegationKeyAsync(
            now - DelegationClockSkew, now + DelegationKeyLifetime - DelegationClockSkew, CancellationToken.None)
            .ConfigureAwait(false);
        return response.Value;
    }
}
