namespace ChangeThisFile.Emulator.Accounts;

/// <summary>
/// An account: its API keys, webhook secret, plan and monthly usage. Every member is guarded
/// by the account's own lock.
/// </summary>
internal sealed class Account(string id, string plan, int monthlyLimit, string webhookSecret)
{
    private readonly Lock _gate = new();
    private readonly List<string> _keys = [];
    private string _webhookSecret = webhookSecret;
    private DateTimeOffset _usagePeriodStart = DateTimeOffset.MinValue;
    private int _used;

    public string Id { get; } = id;

    public string Plan { get; } = plan;

    public int MonthlyLimit { get; } = monthlyLimit;

    /// <summary>The first key still valid, the one <see cref="ConversionEmulator.ApiKey"/> returns.</summary>
    public string PrimaryKey
    {
        get { lock (_gate) { return _keys.Count > 0 ? _keys[0] : string.Empty; } }
    }

    public string WebhookSecret
    {
        get { lock (_gate) { return _webhookSecret; } }
        set { lock (_gate) { _webhookSecret = value; } }
    }

    public void AddKey(string key)
    {
        lock (_gate)
        {
            _keys.Add(key);
        }
    }

    /// <summary>Puts <paramref name="newKey"/> where <paramref name="oldKey"/> was.</summary>
    public void ReplaceKey(string oldKey, string newKey)
    {
        lock (_gate)
        {
            var index = _keys.IndexOf(oldKey);
            if (index >= 0)
            {
                _keys[index] = newKey;
            }
            else
            {
                _keys.Add(newKey);
            }
        }
    }

    /// <summary>
    /// Returns the conversions used in the month that starts at
    /// <paramref name="periodStart"/>.
    /// </summary>
    public int UsedIn(DateTimeOffset periodStart)
    {
        lock (_gate)
        {
            return _usagePeriodStart == periodStart ? _used : 0;
        }
    }

    /// <summary>Counts one conversion unless the month's allowance is used up.</summary>
    /// <returns><see langword="true"/> when charged; otherwise <paramref name="used"/> is the count
    /// that blocked it.</returns>
    public bool TryCharge(DateTimeOffset periodStart, out int used)
    {
        lock (_gate)
        {
            if (_usagePeriodStart != periodStart)
            {
                _usagePeriodStart = periodStart;
                _used = 0;
            }

            used = _used;
            if (_used >= MonthlyLimit)
            {
                return false;
            }

            _used++;
            used = _used;
            return true;
        }
    }

    /// <summary>Gives back a conversion charged for a request that then failed.</summary>
    public void Refund(DateTimeOffset periodStart)
    {
        lock (_gate)
        {
            if (_usagePeriodStart == periodStart && _used > 0)
            {
                _used--;
            }
        }
    }
}
