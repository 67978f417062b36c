using System.Text.Json;
using ChangeThisFile.Emulator.Accounts;

namespace ChangeThisFile.Emulator.Jobs;

/// <summary>What a job is created from, validated.</summary>
internal sealed record JobDraft
{
    public required Account Account { get; init; }

    public string AccountId => Account.Id;

    public required string BaseUrl { get; init; }

    public string? SourceFormat { get; init; }

    public required string TargetFormat { get; init; }

    public required string ResultFileName { get; init; }

    public int? Quality { get; init; }

    public Uri? WebhookUrl { get; init; }

    public JsonElement? Metadata { get; init; }

    public string? InputFileName { get; init; }

    public string? InputPath { get; init; }

    public long InputSize { get; init; }

    public Uri? FileUrl { get; init; }

    public string? IdempotencyKey { get; init; }
}

/// <summary>
/// A stored job. The draft's values never change; status, input, result and error change under
/// the record's lock as the worker moves the job on.
/// </summary>
internal sealed class JobRecord(string id, long sequence, JobDraft draft, DateTimeOffset createdAt)
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Completed = "completed";
    public const string Failed = "failed";

    private readonly Lock _gate = new();
    private string _status = Queued;
    private DateTimeOffset _updatedAt = createdAt;
    private string? _sourceFormat = draft.SourceFormat;
    private string? _inputPath = draft.InputPath;
    private long _inputSize = draft.InputSize;
    private string _resultFileName = draft.ResultFileName;
    private string? _resultPath;
    private long? _resultSize;
    private long? _durationMilliseconds;
    private string? _errorCode;
    private string? _errorMessage;

    public string Id { get; } = id;

    /// <summary>Creation order, newest highest; the list cursor is built from it.</summary>
    public long Sequence { get; } = sequence;

    public JobDraft Draft { get; } = draft;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string Status
    {
        get { lock (_gate) { return _status; } }
    }

    public string? SourceFormat
    {
        get { lock (_gate) { return _sourceFormat; } }
    }

    public string? InputPath
    {
        get { lock (_gate) { return _inputPath; } }
    }

    public string? ResultPath
    {
        get { lock (_gate) { return _resultPath; } }
    }

    public void MarkProcessing(DateTimeOffset now) => Update(now, () => _status = Processing);

    /// <summary>Records a fetched input; a file name from the fetch renames the result after it.</summary>
    public void SetInput(string path, long size, string? sourceFormat, string? fileName = null) => Update(null, () =>
    {
        _inputPath = path;
        _inputSize = size;
        _sourceFormat ??= sourceFormat;
        if (!string.IsNullOrWhiteSpace(Path.GetFileNameWithoutExtension(fileName)))
        {
            _resultFileName = Path.GetFileNameWithoutExtension(fileName) + Path.GetExtension(Draft.ResultFileName);
        }
    });

    public void SetSourceFormat(string format) => Update(null, () => _sourceFormat = format);

    public void Complete(DateTimeOffset now, string resultPath, long size, long durationMilliseconds) =>
        Update(now, () =>
        {
            _status = Completed;
            _resultPath = resultPath;
            _resultSize = size;
            _durationMilliseconds = durationMilliseconds;
        });

    public void Fail(DateTimeOffset now, string code, string message) => Update(now, () =>
    {
        _status = Failed;
        _errorCode = code;
        _errorMessage = message;
    });

    /// <summary>Forgets the input path once the input file is deleted.</summary>
    public string? TakeInputPath()
    {
        lock (_gate)
        {
            var path = _inputPath;
            _inputPath = null;
            return path;
        }
    }

    public EmulatorJob Snapshot()
    {
        lock (_gate)
        {
            return new EmulatorJob
            {
                JobId = Id,
                Status = _status,
                SourceFormat = _sourceFormat,
                TargetFormat = Draft.TargetFormat,
                CreatedAt = CreatedAt,
                UpdatedAt = _updatedAt,
                InputFileName = Draft.InputFileName,
                FileUrl = Draft.FileUrl,
                InputSize = _inputSize,
                Quality = Draft.Quality,
                WebhookUrl = Draft.WebhookUrl,
                Metadata = Draft.Metadata?.GetRawText(),
                IdempotencyKey = Draft.IdempotencyKey,
                ResultFileName = _resultFileName,
                ResultSize = _resultSize,
                DurationMilliseconds = _durationMilliseconds,
                ErrorCode = _errorCode,
                ErrorMessage = _errorMessage,
            };
        }
    }

    private void Update(DateTimeOffset? now, Action change)
    {
        lock (_gate)
        {
            change();
            if (now is { } time)
            {
                _updatedAt = time;
            }
        }
    }
}
