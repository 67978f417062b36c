namespace ChangeThisFile.Samples.AspNetCore.Cli;

/// <summary>A step of the convert command failed; the message names the step and the cause.</summary>
internal sealed class ConversionStepException(string message) : Exception(message);
