using System.Diagnostics;
using ChangeThisFile.Client.Storage;

namespace ChangeThisFile.Client.Flow;

public sealed partial class ConversionFlow
{
    private const string DefaultResultBaseName = "converted";

    /// <inheritdoc />
    public Task<ConversionStatus> GetStatusAsync(string fileId, CancellationToken cancellationToken = default) =>
        RunAsync(
            "GetStatus",
            ConversionFileId.IsValid(fileId) ? fileId : null,
            activity => GetStatusCoreAsync(fileId, activity, cancellationToken),
            static status => OutcomeName(status.State));

    private async Task<ConversionStatus> GetStatusCoreAsync(
        string? fileId, Activity? activity, CancellationToken cancellationToken)
    {
        if (!ConversionFileId.TryValidate(fileId, out var invalid))
        {
            return new ConversionStatus
            {
                FileId = FlowText.Shorten(fileId),
                State = ConversionState.NotFound,
                Message = invalid,
            };
        }

        var record = await _records.GetAsync(fileId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return new ConversionStatus
            {
                FileId = fileId,
                State = ConversionState.NotFound,
                Message = $"No conversion has the file id '{fileId}'.",
            };
        }

        FlowTelemetry.SetJobId(activity, record.JobId);
        if (record.Status == RecordStatus.Done)
        {
            return await DoneStatusAsync(record, cancellationToken).ConfigureAwait(false);
        }

        var failed = record.Status == RecordStatus.Failed;
        return new ConversionStatus
        {
            FileId = fileId,
            State = failed ? ConversionState.Failed : ConversionState.Processing,
            AwaitingUpload = record.Status == RecordStatus.AwaitingUpload,
            JobId = record.JobId,
            Error = failed
                ? new ConversionError { Code = new(record.ErrorCode), Message = record.ErrorMessage }
                : null,
        };
    }

    private async Task<ConversionStatus> DoneStatusAsync(ConversionRecord record, CancellationToken cancellationToken)
    {
        var key = record.OutputKey ?? _keys.OutputKey(record.FileId, record.Target);
        var fileName = ResultFileName(record);
        var download = await _storage.CreateDownloadRequestAsync(
            key, new PresignedDownloadOptions { ExpiresIn = _options.DownloadUrlExpiry, FileName = fileName },
            cancellationToken).ConfigureAwait(false);
        return new ConversionStatus
        {
            FileId = record.FileId,
            State = ConversionState.Done,
            JobId = record.JobId,
            DownloadUrl = download.Url,
            DownloadExpiresAt = download.ExpiresAt,
            FileName = fileName,
            Size = record.OutputSize,
        };
    }

    /// <summary>
    /// Returns the uploaded name with the target extension, such as <c>photo.webp</c> for <c>photo.png</c>.
    /// </summary>
    private static string ResultFileName(ConversionRecord record)
    {
        var name = record.OriginalFileName ?? string.Empty;
        var extension = FlowFormats.ExtensionOf(name);
        var baseName = extension is null ? name : name[..^(extension.Length + 1)];
        if (string.IsNullOrWhiteSpace(baseName))
        {
            baseName = DefaultResultBaseName;
        }

        return $"{baseName}.{record.Target}";
    }
}
