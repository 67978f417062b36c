namespace ChangeThisFile.Emulator.Conversion;

/// <summary>
/// The input could not be converted; the message says why in words fit for the API's
/// <c>conversion_failed</c> error.
/// </summary>
internal sealed class ConversionFailedException : Exception
{
    public ConversionFailedException()
        : base("The input could not be converted.")
    {
    }

    public ConversionFailedException(string message)
        : base(message)
    {
    }

    public ConversionFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
