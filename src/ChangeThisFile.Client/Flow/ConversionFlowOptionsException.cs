using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Flow;

/// <summary>
/// The <see cref="OptionsValidationException"/> that the flow's constructor throws. Each failure is
/// one or more full sentences, so the message joins them with a space. The base class joins them
/// with "; ", which reads as ".; " after a sentence.
/// </summary>
internal sealed class ConversionFlowOptionsException(IEnumerable<string> failures)
    : OptionsValidationException(string.Empty, typeof(ConversionFlowOptions), failures)
{
    /// <inheritdoc />
    public override string Message => string.Join(" ", Failures);
}
