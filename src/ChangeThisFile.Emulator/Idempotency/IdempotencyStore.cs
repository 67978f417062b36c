using System.Text.RegularExpressions;
using ChangeThisFile.Emulator.Api;

namespace ChangeThisFile.Emulator.Idempotency;

/// <summary>One <c>Idempotency-Key</c> of one account: in flight, or done with its stored response.</summary>
internal sealed class IdempotencyEntry(string accountId, string key)
{
    public string AccountId { get; } = accountId;

    public string Key { get; } = key;

    public bool InFlight { get; set; } = true;

    public byte[] RequestHash { get; set; } = [];

    public StoredResponse? Response { get; set; }

    public DateTimeOffset ExpiresAt { get; set; } = DateTimeOffset.MaxValue;
}

/// <summary>The state of a key when a request arrives with it.</summary>
internal enum IdempotencyClaimKind
{
    /// <summary>The key is new; the request runs and owns the entry.</summary>
    Reserved,

    /// <summary>A request with the key is still running.</summary>
    InFlight,

    /// <summary>A request with the key succeeded; its response is replayed if the body matches.</summary>
    Completed,
}

/// <summary>
/// Successful responses by account and <c>Idempotency-Key</c> for the replay window. Keys are
/// reserved when a request starts; a request that does not succeed releases its key, so only
/// successes are replayed.
/// </summary>
internal sealed partial class IdempotencyStore(TimeProvider timeProvider, TimeSpan window) : IDisposable
{
    /// <summary>The header name.</summary>
    public const string HeaderName = "Idempotency-Key";

    private readonly Lock _gate = new();
    private readonly Dictionary<(string, string), IdempotencyEntry> _entries = [];

    /// <summary>Reads and validates the header; null when absent.</summary>
    /// <exception cref="ApiException">400 when the key is empty, too long or has other
    /// characters.</exception>
    public static string? ReadKey(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(HeaderName, out var values))
        {
            return null;
        }

        var key = values.Count == 1 ? values[0] : null;
        return key is not null && ValidKey().IsMatch(key)
            ? key
            : throw ApiErrors.BadRequest(
                "The Idempotency-Key header must be 1 to 128 characters of A-Z a-z 0-9 . _ - : + /, sent once.");
    }

    public (IdempotencyClaimKind Kind, IdempotencyEntry Entry) Claim(string accountId, string key)
    {
        lock (_gate)
        {
            RemoveExpired();
            if (_entries.TryGetValue((accountId, key), out var existing))
            {
                return (existing.InFlight ? IdempotencyClaimKind.InFlight : IdempotencyClaimKind.Completed, existing);
            }

            var entry = new IdempotencyEntry(accountId, key);
            _entries[(accountId, key)] = entry;
            return (IdempotencyClaimKind.Reserved, entry);
        }
    }

    /// <summary>Whether a request with the key is running now.</summary>
    public bool IsInFlight(string accountId, string key)
    {
        lock (_gate)
        {
            return _entries.TryGetValue((accountId, key), out var entry) && entry.InFlight;
        }
    }

    /// <summary>Stores a successful response for replay until the window ends.</summary>
    public void Complete(IdempotencyEntry entry, byte[] requestHash, StoredResponse response)
    {
        lock (_gate)
        {
            entry.RequestHash = requestHash;
            entry.Response = response;
            entry.ExpiresAt = timeProvider.GetUtcNow() + window;
            entry.InFlight = false;
        }
    }

    /// <summary>Forgets a reserved key whose request did not succeed.</summary>
    public void Release(IdempotencyEntry entry)
    {
        lock (_gate)
        {
            _entries.Remove((entry.AccountId, entry.Key));
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var entry in _entries.Values)
            {
                entry.Response?.DeleteFile();
            }

            _entries.Clear();
        }
    }

    private void RemoveExpired()
    {
        var now = timeProvider.GetUtcNow();
        var expired = _entries.Where(pair => !pair.Value.InFlight && pair.Value.ExpiresAt <= now).ToList();
        foreach (var (id, entry) in expired)
        {
            entry.Response?.DeleteFile();
            _entries.Remove(id);
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._\-:+/]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex ValidKey();
}
