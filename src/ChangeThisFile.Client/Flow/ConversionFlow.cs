using System.Diagnostics;
using System.Diagnostics.Metrics;
using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ChangeThisFile.Client.Diagnostics;

namespace ChangeThisFile.Client.Flow;

/// <summary>
/// The four-step conversion flow over the API client, an <see cref="IObjectStorage"/> and an
/// <see cref="IConversionRecordStore"/>. Register it with <c>services.AddConversionFlow(...)</c>.
/// </summary>
/// <remarks>
/// <para>
/// The flow sends <c>{"file_id": ...}</c> as the job's <c>webhook_metadata</c>, and keeps the
/// record keys starting with <c>ctf.</c> in <see cref="ConversionRecord.Metadata"/> for itself.
/// While a submission is in progress the record contains the presigned input URL it sent (under
/// <c>ctf.submit_url</c>), so that a retry sends the identical request and the API replays its job
/// instead of rejecting the reused idempotency key; the entry is removed once the job id is stored.
/// </para>
/// <para>The class is thread-safe and meant to be a singleton.</para>
/// </remarks>
public sealed partial class ConversionFlow : IConversionFlow, IDisposable
{
    /// <summary>The <c>webhook_metadata</c> key that carries the file id.</summary>
    public const string FileIdMetadataKey = "file_id";

    /// <summary>The prefix of the record metadata keys the flow keeps for itself.</summary>
    public const string ReservedMetadataPrefix = "ctf.";

    internal const string SubmitUrlMetadataKey = "ctf.submit_url";
    internal const string SubmitUrlExpiresMetadataKey = "ctf.submit_url_expires_at";

    private const string IdempotencyKeyPrefix = "ctf-flow:";

    private readonly IConversionClientFactory _clientFactory;
    private readonly string _clientName;
    private readonly IObjectStorage _storage;
    private readonly IConversionRecordStore _records;
    private readonly ConversionFlowOptions _options;
    private readonly FlowObjectKeys _keys;
    private readonly SortedSet<string> _allowedTargets;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly FlowTelemetry _telemetry;

    /// <summary>Initializes the flow.</summary>
    /// <param name="clientFactory">
    /// Creates the API client named by <see cref="ConversionFlowOptions.ClientName"/> for each step.
    /// </param>
    /// <param name="storage">The storage that holds inputs and results.</param>
    /// <param name="records">The store of the flow's records.</param>
    /// <param name="options">The settings; checked like at start-up.</param>
    /// <param name="timeProvider">The clock of record timestamps; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="logger">The logger; none when null.</param>
    /// <param name="meterFactory">Creates the flow's meter; a meter of its own when null.</param>
    /// <exception cref="OptionsValidationException">A setting is missing or invalid.</exception>
    public ConversionFlow(
        IConversionClientFactory clientFactory,
        IObjectStorage storage,
        IConversionRecordStore records,
        IOptions<ConversionFlowOptions> options,
        TimeProvider? timeProvider = null,
        ILogger<ConversionFlow>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(clientFactory);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var validation = new ConversionFlowOptionsValidator().Validate(null, settings);
        if (validation.Failed)
        {
            throw new ConversionFlowOptionsException(validation.Failures);
        }

        _clientFactory = clientFactory;
        _clientName = settings.ClientName ?? string.Empty;
        _storage = storage;
        _records = records;
        _options = settings;
        _keys = new FlowObjectKeys(settings.InputKeyPrefix, settings.OutputKeyPrefix);
        _allowedTargets = new SortedSet<string>(
            settings.AllowedTargets.Select(FlowFormats.Normalize), StringComparer.Ordinal);
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _telemetry = new FlowTelemetry(meterFactory);
    }

    /// <summary>Returns the <c>Idempotency-Key</c> the flow sends when it submits a file.</summary>
    /// <param name="fileId">The file id.</param>
    /// <returns>A key such as <c>ctf-flow:q3Jx0v8bT2m1Lr9cW4yZ_A</c>.</returns>
    public static string IdempotencyKeyFor(string fileId)
    {
        ArgumentNullException.ThrowIfNull(fileId);
        return IdempotencyKeyPrefix + fileId;
    }

    /// <inheritdoc />
    public void Dispose() => _telemetry.Dispose();

    private IConversionClient CreateClient() => _clientFactory.CreateClient(_clientName);

    private async Task<T> RunAsync<T>(
        string operation, string? fileId, Func<Activity?, Task<T>> step, Func<T, string> outcomeOf)
    {
        var started = _time.GetTimestamp();
        using var activity = FlowTelemetry.StartActivity(operation, fileId);
        try
        {
            var result = await step(activity).ConfigureAwait(false);
            _telemetry.Complete(activity, operation, outcomeOf(result), _time.GetElapsedTime(started));
            return result;
        }
        catch (ConversionFlowValidationException exception)
        {
            _telemetry.Complete(activity, operation, "invalid", _time.GetElapsedTime(started));
            Log.RequestInvalid(_logger, operation, exception.ParamName ?? LogValues.None, exception.Reason);
            throw;
        }
        catch (Exception exception)
        {
            _telemetry.Fail(activity, operation, exception, _time.GetElapsedTime(started));
            throw;
        }
    }

    /// <summary>Returns the record's metadata without the flow's submission entries.</summary>
    private static Dictionary<string, string> WithoutSubmission(IReadOnlyDictionary<string, string> metadata)
    {
        var copy = new Dictionary<string, string>(metadata, StringComparer.Ordinal);
        copy.Remove(SubmitUrlMetadataKey);
        copy.Remove(SubmitUrlExpiresMetadataKey);
        return copy;
    }

    private static string OutcomeName<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
