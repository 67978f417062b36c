namespace ChangeThisFile.Client;

/// <summary>Options of <see cref="IConversionClient.WaitForCompletionAsync"/>.</summary>
public sealed class JobWaitOptions
{
    /// <summary>The default of <see cref="Timeout"/>: 30 minutes.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromMinutes(30);

    /// <summary>The default of <see cref="InitialPollInterval"/>: 1 second.</summary>
    public static TimeSpan DefaultInitialPollInterval { get; } = TimeSpan.FromSeconds(1);

    /// <summary>The default of <see cref="MaxPollInterval"/>: 30 seconds.</summary>
    public static TimeSpan DefaultMaxPollInterval { get; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long to wait in all before throwing <see cref="ConversionTimeoutException"/> with
    /// <see cref="ConversionTimeoutKind.Wait"/>, default 30 minutes, at most 24 days;
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits until cancelled.
    /// </summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>
    /// The delay after the first poll, default 1 s, at most 1 hour. It doubles after each poll up to
    /// <see cref="MaxPollInterval"/>, and each wait is drawn at random between half and all of it.
    /// </summary>
    public TimeSpan InitialPollInterval { get; init; } = DefaultInitialPollInterval;

    /// <summary>
    /// The cap of the poll delay, default 30 s, at most 1 hour. A longer <c>Retry-After</c> from the API is still honoured.
    /// </summary>
    public TimeSpan MaxPollInterval { get; init; } = DefaultMaxPollInterval;

    /// <summary>Receives the job after every poll, whatever its status.</summary>
    public IProgress<ConversionJob>? Progress { get; init; }
}
