namespace ChangeThisFile.Samples.AspNetCore.Cli;

/// <summary>The process exit codes of the sample.</summary>
internal static class ExitCodes
{
    /// <summary>The file was converted and written, or the server stopped normally.</summary>
    public const int Success = 0;

    /// <summary>
    /// A step failed: the target was rejected, the conversion failed, a timeout passed, or start-up failed.
    /// </summary>
    public const int Failed = 1;

    /// <summary>The command line is invalid: a missing argument, an unknown option or a missing input file.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl+C stopped the command (128 + SIGINT, as shells report it).</summary>
    public const int Cancelled = 130;
}
