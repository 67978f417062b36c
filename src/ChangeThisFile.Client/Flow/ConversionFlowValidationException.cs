namespace ChangeThisFile.Client.Flow;

/// <summary>
/// Thrown when a request to the flow is invalid, such as a target that is not allowed. The message
/// names the value and the fix and is safe to return to the user; hosts respond with 400.
/// </summary>
public sealed class ConversionFlowValidationException : ArgumentException
{
    /// <summary>Initializes the exception.</summary>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="paramName">The request field, such as <c>Target</c>.</param>
    public ConversionFlowValidationException(string message, string paramName)
        : base(message, paramName) => Reason = message;

    /// <summary>The message without the parameter suffix that <see cref="ArgumentException"/> appends.</summary>
    public string Reason { get; }
}
