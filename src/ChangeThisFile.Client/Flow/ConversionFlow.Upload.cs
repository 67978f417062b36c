using System.Diagnostics;
using ChangeThisFile.Client.Storage;

namespace ChangeThisFile.Client.Flow;

public sealed partial class ConversionFlow
{
    /// <inheritdoc />
    public Task<CreateUploadResult> CreateUploadAsync(
        CreateUploadRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync("CreateUpload", null, activity => CreateUploadCoreAsync(request, activity, cancellationToken),
            static _ => "created");
    }

    private async Task<CreateUploadResult> CreateUploadCoreAsync(
        CreateUploadRequest request, Activity? activity, CancellationToken cancellationToken)
    {
        var upload = UploadRequestValidation.Validate(request, _allowedTargets, _options.MaxUploadSizeBytes);
        var fileId = ConversionFileId.New();
        FlowTelemetry.SetFileId(activity, fileId);
        var inputKey = _keys.InputKey(fileId, FlowFormats.ExtensionOf(upload.FileName));

        // Signing has no side effects, so it runs before the record exists.
        var presigned = await _storage.CreateUploadRequestAsync(
            inputKey,
            new PresignedUploadOptions
            {
                ExpiresIn = _options.UploadUrlExpiry,
                ContentType = upload.ContentType,
                MaxSizeBytes = _options.MaxUploadSizeBytes,
            },
            cancellationToken).ConfigureAwait(false);

        var now = _time.GetUtcNow();
        await _records.CreateAsync(
            new ConversionRecord
            {
                FileId = fileId,
                Target = upload.Target,
                OriginalFileName = upload.FileName,
                ContentType = upload.ContentType,
                Status = RecordStatus.AwaitingUpload,
                InputKey = inputKey,
                Metadata = upload.Metadata,
                CreatedAt = now,
                UpdatedAt = now,
            },
            cancellationToken).ConfigureAwait(false);

        Log.UploadCreated(_logger, fileId, upload.Target, inputKey, presigned.ExpiresAt);
        return new CreateUploadResult
        {
            FileId = fileId,
            Target = upload.Target,
            UploadUrl = presigned.Url,
            Method = presigned.Method,
            Headers = presigned.Headers,
            ExpiresAt = presigned.ExpiresAt,
            MaxSizeBytes = _options.MaxUploadSizeBytes,
        };
    }
}
