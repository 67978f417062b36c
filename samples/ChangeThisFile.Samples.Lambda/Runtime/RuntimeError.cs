using System.Text.Json.Serialization;

namespace ChangeThisFile.Samples.Lambda.Runtime;

/// <summary>The error document the Runtime API accepts for a failed invocation or initialization.</summary>
/// <param name="ErrorMessage">What failed.</param>
/// <param name="ErrorType">The exception type or a runtime error type such as <c>Runtime.ConfigInvalid</c>.</param>
public sealed record RuntimeError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType)
{
    /// <summary>The stack frames; always empty, because messages are enough and frames only add noise.</summary>
    [JsonPropertyName("stackTrace")]
    public IReadOnlyList<string> StackTrace { get; init; } = [];

    /// <summary>Describes an exception by its type name and message.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The error.</returns>
    public static RuntimeError From(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new RuntimeError(exception.Message, exception.GetType().FullName ?? exception.GetType().Name);
    }
}

/// <summary>Source-generated JSON metadata for the Runtime API's documents.</summary>
[JsonSerializable(typeof(RuntimeError))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
