namespace ChangeThisFile.Samples.Lambda.Functions;

/// <summary>
/// Thrown when an S3 event named uploads that could not be submitted. The invocation fails, so
/// Lambda retries the event and finally sends it to the function's failure destination.
/// </summary>
public sealed class SubmitFailedException : Exception
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="keys">The object keys whose submission failed; at least one.</param>
    /// <param name="firstFailure">The failure of the first of them.</param>
    public SubmitFailedException(IReadOnlyList<string> keys, Exception firstFailure)
        : base(Describe(keys, firstFailure), firstFailure) => Keys = keys;

    /// <summary>The object keys whose submission failed.</summary>
    public IReadOnlyList<string> Keys { get; }

    private static string Describe(IReadOnlyList<string> keys, Exception firstFailure)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(firstFailure);
        var first = keys.Count > 0 ? keys[0] : "(none)";
        return $"Submitting {keys.Count} upload(s) failed, first {first}: {firstFailure.GetType().Name}: " +
            $"{firstFailure.Message} Lambda retries the event.";
    }
}
