namespace ChangeThisFile.Client.Diagnostics;

/// <summary>Text for log message arguments that may be missing.</summary>
internal static class LogValues
{
    /// <summary>The text logged in place of a missing value, instead of the formatter's "(null)".</summary>
    public const string None = "none";
}
