using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Flow;

/// <summary>The state of a file, as the status step reports it.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ConversionState>))]
public enum ConversionState
{
    /// <summary>The file id is invalid or unknown.</summary>
    NotFound,

    /// <summary>
    /// The conversion has not ended: the upload is awaited (see <see cref="ConversionStatus.AwaitingUpload"/>)
    /// or the job is running.
    /// </summary>
    Processing,

    /// <summary>
    /// The result is in the application's storage; <see cref="ConversionStatus.DownloadUrl"/> fetches it.
    /// </summary>
    Done,

    /// <summary>The conversion failed; <see cref="ConversionStatus.Error"/> carries the API's error.</summary>
    Failed,
}
