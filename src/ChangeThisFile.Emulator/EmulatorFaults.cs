using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ChangeThisFile.Emulator.Faults;

namespace ChangeThisFile.Emulator;

/// <summary>
/// Faults an emulator injects, changeable at any time from a test: added latency, 5xx
/// responses, dropped connections, lost responses, dropped or duplicated webhooks and jobs
/// that never finish.
/// </summary>
/// <remarks>
/// <para>
/// Rates are shares from 0 to 1, drawn from a random generator that <see cref="Seed"/> makes
/// repeatable. The <c>...Next...</c> methods queue exact faults that take precedence over the
/// rates, for tests that must be exact. Request faults apply to every <c>/v1</c> route; result
/// downloads under <c>/files</c> are never faulted.
/// </para>
/// <para>All members are thread-safe.</para>
/// </remarks>
[SuppressMessage(
    "Security",
    "CA5394:Do not use insecure randomness",
    Justification = "Fault injection needs a seedable generator, not a secure one.")]
public sealed class EmulatorFaults
{
    /// <summary>
    /// The status code of injected server errors unless changed: 502, the documented
    /// engine-down status.
    /// </summary>
    public const int DefaultServerErrorStatusCode = 502;

    private readonly Lock _gate = new();
    private Random _requestRandom = new();
    private Random _webhookRandom = new();
    private Random _jobRandom = new();
    private int? _seed;
    private TimeSpan _latency;
    private double _serverErrorRate;
    private int _serverErrorStatusCode = DefaultServerErrorStatusCode;
    private double _dropConnectionRate;
    private double _dropResponseRate;
    private double _webhookDropRate;
    private double _webhookDuplicateRate;
    private double _stalledJobRate;
    private int _failNext;
    private int _dropConnectionNext;
    private int _dropResponseNext;
    private int _dropWebhookNext;
    private int _duplicateWebhookNext;
    private int _stallNext;
    private FaultCounts _counts = new();

    /// <summary>Time added before every <c>/v1</c> request is handled; zero by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or over 24 days.</exception>
    public TimeSpan Latency
    {
        get { lock (_gate) { return _latency; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, ConversionEmulatorOptions.MaxTimerDuration);
            lock (_gate) { _latency = value; }
        }
    }

    /// <summary>
    /// Share of <c>/v1</c> requests that get <see cref="ServerErrorStatusCode"/>
    /// before they are handled.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 1.</exception>
    public double ServerErrorRate
    {
        get { lock (_gate) { return _serverErrorRate; } }
        set { lock (_gate) { _serverErrorRate = CheckRate(value); } }
    }

    /// <summary>
    /// The status of injected server errors, from 500 to 599; 502
    /// <c>service_unavailable</c> by default.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 500 to 599.</exception>
    public int ServerErrorStatusCode
    {
        get { lock (_gate) { return _serverErrorStatusCode; } }
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 500);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 599);
            lock (_gate) { _serverErrorStatusCode = value; }
        }
    }

    /// <summary>Share of <c>/v1</c> requests whose connection is aborted before they are handled.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 1.</exception>
    public double DropConnectionRate
    {
        get { lock (_gate) { return _dropConnectionRate; } }
        set { lock (_gate) { _dropConnectionRate = CheckRate(value); } }
    }

    /// <summary>
    /// Share of <c>/v1</c> requests that are handled in full (a job is created, quota is charged)
    /// but whose connection is aborted instead of sending the response.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 1.</exception>
    public double DropResponseRate
    {
        get { lock (_gate) { return _dropResponseRate; } }
        set { lock (_gate) { _dropResponseRate = CheckRate(value); } }
    }

    /// <summary>Share of job webhooks never sent, with no retries, as if lost on the way.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 1.</exception>
    public double WebhookDropRate
    {
        get { lock (_gate) { return _webhookDropRate; } }
        set { lock (_gate) { _webhookDropRate = CheckRate(value); } }
    }

    /// <summary>Share of job webhooks sent twice, each copy with its own timestamp and signature.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 1.</exception>
    public double WebhookDuplicateRate
    {
        get { lock (_gate) { return _webhookDuplicateRate; } }
        set { lock (_gate) { _webhookDuplicateRate = CheckRate(value); } }
    }

    /// <summary>Share of new jobs that stay <c>processing</c> for ever and send no webhook.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 1.</exception>
    public double StalledJobRate
    {
        get { lock (_gate) { return _stalledJobRate; } }
        set { lock (_gate) { _stalledJobRate = CheckRate(value); } }
    }

    /// <summary>
    /// The seed of the random generators behind the rates; setting it restarts them so that the
    /// same sequence of requests meets the same faults. <see langword="null"/> means unseeded.
    /// </summary>
    public int? Seed
    {
        get { lock (_gate) { return _seed; } }
        set
        {
            lock (_gate)
            {
                _seed = value;
                _requestRandom = CreateRandom(value, 0);
                _webhookRandom = CreateRandom(value, 1);
                _jobRandom = CreateRandom(value, 2);
            }
        }
    }

    /// <summary>Counts of the faults injected so far.</summary>
    public EmulatorFaultCounts Injected
    {
        get { lock (_gate) { return _counts.Snapshot(); } }
    }

    /// <summary>
    /// Responds to the next <paramref name="count"/> <c>/v1</c> requests with
    /// <see cref="ServerErrorStatusCode"/>.
    /// </summary>
    /// <param name="count">How many requests to fail, added to any already queued.</param>
    public void FailNextRequests(int count) => Add(ref _failNext, count);

    /// <summary>
    /// Aborts the connection of the next <paramref name="count"/> <c>/v1</c> requests
    /// before handling them.
    /// </summary>
    /// <param name="count">How many requests to drop, added to any already queued.</param>
    public void DropNextConnections(int count) => Add(ref _dropConnectionNext, count);

    /// <summary>
    /// Handles the next <paramref name="count"/> <c>/v1</c> requests in full, then aborts
    /// instead of responding.
    /// </summary>
    /// <param name="count">How many responses to lose, added to any already queued.</param>
    public void DropNextResponses(int count) => Add(ref _dropResponseNext, count);

    /// <summary>Never sends the next <paramref name="count"/> job webhooks.</summary>
    /// <param name="count">How many webhooks to drop, added to any already queued.</param>
    public void DropNextWebhooks(int count) => Add(ref _dropWebhookNext, count);

    /// <summary>Sends the next <paramref name="count"/> job webhooks twice.</summary>
    /// <param name="count">How many webhooks to duplicate, added to any already queued.</param>
    public void DuplicateNextWebhooks(int count) => Add(ref _duplicateWebhookNext, count);

    /// <summary>Leaves the next <paramref name="count"/> new jobs in <c>processing</c> for ever.</summary>
    /// <param name="count">How many jobs to stall, added to any already queued.</param>
    public void StallNextJobs(int count) => Add(ref _stallNext, count);

    /// <summary>Turns every fault off and clears the queued ones and the counts; keeps the seed.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _latency = TimeSpan.Zero;
            _serverErrorRate = _dropConnectionRate = _dropResponseRate = 0;
            _webhookDropRate = _webhookDuplicateRate = _stalledJobRate = 0;
            _serverErrorStatusCode = DefaultServerErrorStatusCode;
            _failNext = _dropConnectionNext = _dropResponseNext = 0;
            _dropWebhookNext = _duplicateWebhookNext = _stallNext = 0;
            _counts = new FaultCounts();
        }
    }

    internal RequestFault NextRequestFault()
    {
        lock (_gate)
        {
            var fault = TakeQueued(ref _failNext, RequestFault.ServerError)
                ?? TakeQueued(ref _dropConnectionNext, RequestFault.DropConnection)
                ?? TakeQueued(ref _dropResponseNext, RequestFault.DropResponse)
                ?? DrawRequestFault();
            _counts.Count(fault);
            return fault;
        }
    }

    internal WebhookFault NextWebhookFault()
    {
        lock (_gate)
        {
            var fault = TakeQueued(ref _dropWebhookNext, WebhookFault.Drop)
                ?? TakeQueued(ref _duplicateWebhookNext, WebhookFault.Duplicate)
                ?? Draw(
                    _webhookRandom,
                    (_webhookDropRate, WebhookFault.Drop),
                    (_webhookDuplicateRate, WebhookFault.Duplicate))
                ?? WebhookFault.None;
            _counts.Count(fault);
            return fault;
        }
    }

    internal bool NextJobStalls()
    {
        lock (_gate)
        {
            var stalls = TakeQueued(ref _stallNext, true)
                ?? Draw(_jobRandom, (_stalledJobRate, true))
                ?? false;
            if (stalls)
            {
                _counts.JobsStalled++;
            }

            return stalls;
        }
    }

    internal void CopySettingsFrom(EmulatorFaults other)
    {
        Seed = other.Seed;
        Latency = other.Latency;
        ServerErrorRate = other.ServerErrorRate;
        ServerErrorStatusCode = other.ServerErrorStatusCode;
        DropConnectionRate = other.DropConnectionRate;
        DropResponseRate = other.DropResponseRate;
        WebhookDropRate = other.WebhookDropRate;
        WebhookDuplicateRate = other.WebhookDuplicateRate;
        StalledJobRate = other.StalledJobRate;
    }

    private RequestFault DrawRequestFault() =>
        Draw(
            _requestRandom,
            (_serverErrorRate, RequestFault.ServerError),
            (_dropConnectionRate, RequestFault.DropConnection),
            (_dropResponseRate, RequestFault.DropResponse))
        ?? RequestFault.None;

    // One draw per decision keeps a seeded sequence stable however the rates are set.
    private static T? Draw<T>(Random random, params (double Rate, T Fault)[] choices)
        where T : struct
    {
        var roll = random.NextDouble();
        var threshold = 0.0;
        foreach (var (rate, fault) in choices)
        {
            threshold += rate;
            if (roll < threshold)
            {
                return fault;
            }
        }

        return null;
    }

    private static T? TakeQueued<T>(ref int counter, T fault)
        where T : struct
    {
        if (counter <= 0)
        {
            return null;
        }

        counter--;
        return fault;
    }

    private void Add(ref int counter, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            counter += count;
        }
    }

    // Separate generators per kind keep request faults repeatable while jobs and webhooks
    // draw from their own sequences on other threads.
    private static Random CreateRandom(int? seed, int offset) =>
        seed is { } value ? new Random(unchecked(value + offset)) : new Random();

    private static double CheckRate(double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(value),
                value,
                string.Format(CultureInfo.InvariantCulture, "A fault rate is a share from 0 to 1; got {0}.", value));
        }

        return value;
    }
}
