using System.Collections.Concurrent;
using System.Security.Cryptography;
using ChangeThisFile.Emulator.Api;

namespace ChangeThisFile.Emulator.Accounts;

/// <summary>
/// The accounts and their API keys: the default account with the configured keys, plus one
/// account per email address given to <c>POST /v1/keys/free</c>.
/// </summary>
internal sealed class AccountStore
{
    /// <summary>The plan name every emulator account reports.</summary>
    public const string FreePlan = "free";

    private const string KeyPrefix = "ctf_sk_";
    private const string SecretPrefix = "whsec_";
    private const int RandomPartLength = 32;

    private readonly ConcurrentDictionary<string, Account> _byKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Account> _byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeProvider _timeProvider;
    private readonly int _monthlyLimit;

    public AccountStore(ConversionEmulatorOptions options)
    {
        _timeProvider = options.TimeProvider;
        _monthlyLimit = options.MonthlyConversionLimit;
        var secret = options.WebhookSecret ?? ConversionEmulatorOptions.DefaultWebhookSecret;
        Default = new Account("default", FreePlan, _monthlyLimit, secret);
        var keys = options.ApiKeys.Count > 0 ? options.ApiKeys : [ConversionEmulatorOptions.DefaultApiKey];
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            Default.AddKey(key);
            _byKey[key] = Default;
        }
    }

    /// <summary>The account of the configured keys.</summary>
    public Account Default { get; }

    public bool TryAuthenticate(string key, out Account account) => _byKey.TryGetValue(key, out account!);

    /// <summary>
    /// Issues a new key for the account of <paramref name="email"/>, creating the account
    /// on first use.
    /// </summary>
    public string IssueFreeKey(string email)
    {
        var account = _byEmail.GetOrAdd(
            email,
            _ => new Account("free-" + Guid.NewGuid().ToString("N"), FreePlan, _monthlyLimit, NewSecret()));
        var key = NewKey();
        account.AddKey(key);
        _byKey[key] = account;
        return key;
    }

    /// <summary>
    /// Replaces <paramref name="oldKey"/> with a new key; the old one stops working at
    /// once.
    /// </summary>
    public string RotateKey(Account account, string oldKey)
    {
        var key = NewKey();
        _byKey[key] = account;
        account.ReplaceKey(oldKey, key);
        _byKey.TryRemove(oldKey, out _);
        return key;
    }

    /// <summary>Replaces the account's webhook secret; the old one stops signing at once.</summary>
    public static string RotateWebhookSecret(Account account)
    {
        var secret = NewSecret();
        account.WebhookSecret = secret;
        return secret;
    }

    /// <summary>Counts one conversion against the account's monthly allowance.</summary>
    /// <exception cref="ApiException">429 <c>quota_exceeded</c> when the allowance is used up.</exception>
    public void Charge(Account account)
    {
        var (start, end) = CurrentPeriod();
        if (!account.TryCharge(start, out var used))
        {
            var retryAfter = (int)Math.Min(int.MaxValue, Math.Ceiling((end - _timeProvider.GetUtcNow()).TotalSeconds));
            throw ApiErrors.QuotaExceeded(account.MonthlyLimit, used, Math.Max(1, retryAfter));
        }
    }

    /// <summary>Gives back one conversion of the current month.</summary>
    public void Refund(Account account) => account.Refund(CurrentPeriod().Start);

    /// <summary>Returns the start and end of the current calendar month in UTC.</summary>
    public (DateTimeOffset Start, DateTimeOffset End) CurrentPeriod()
    {
        var now = _timeProvider.GetUtcNow();
        var start = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero);
        return (start, start.AddMonths(1));
    }

    private static string NewKey() => KeyPrefix + RandomHex();

    private static string NewSecret() => SecretPrefix + RandomHex();

    private static string RandomHex() => RandomNumberGenerator.GetHexString(RandomPartLength, lowercase: true);
}
