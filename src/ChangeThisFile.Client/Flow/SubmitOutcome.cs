using System.Text.Json;
using System.Text.Json.Serialization;

namespace ChangeThisFile.Client.Flow;

/// <summary>What a submit step did.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<SubmitOutcome>))]
public enum SubmitOutcome
{
    /// <summary>The job was created (or the API replayed the job of an earlier attempt) and its id stored.</summary>
    Submitted,

    /// <summary>The record already had a job, or had already ended; nothing was sent.</summary>
    AlreadySubmitted,

    /// <summary>
    /// An earlier attempt reached the API and its job id is not known yet: the request is still in
    /// flight there, or was sent with a URL that has since been replaced. The webhook brings the job
    /// id, so the record converges on that one job.
    /// </summary>
    Pending,

    /// <summary>The record exists but its upload has not arrived in storage yet.</summary>
    NotUploaded,

    /// <summary>
    /// The file id is invalid or no record has it; <see cref="SubmitResult.Message"/> explains which.
    /// </summary>
    NotFound,

    /// <summary>
    /// The API rejected the file, for example for an unsupported route or a file too large; the
    /// record is failed.
    /// </summary>
    Rejected,

    /// <summary>The object key is not an input of this flow, such as a stored result; nothing was done.</summary>
    Ignored,
}

/// <summary>Writes and reads an enum as snake_case text, such as <c>not_found</c>.</summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
public sealed class SnakeCaseEnumConverter<TEnum> : JsonStringEnumConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>Initializes the converter with the snake_case naming policy and no integer values.</summary>
    public SnakeCaseEnumConverter()
        : base(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    {
    }
}
