namespace ChangeThisFile.Samples.AspNetCore.Cli;

/// <summary>A step of the convert command failed; the message says which and why.</summary>
internal sealed class ConversionStepException(string message) : Exception(message);
