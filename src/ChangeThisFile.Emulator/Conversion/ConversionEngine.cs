using Microsoft.Extensions.Logging;

namespace ChangeThisFile.Emulator.Conversion;

/// <summary>What to convert: an input file, its formats, the quality and where to write.</summary>
internal sealed record ConversionWork(
    string InputPath,
    string Source,
    string Target,
    int? Quality,
    string Title,
    string OutputPath);

/// <summary>The output of a successful conversion.</summary>
internal sealed record ConversionOutput(long Size, long DurationMilliseconds);

/// <summary>Runs the conversion of one route table entry from a file to a file.</summary>
internal sealed partial class ConversionEngine(TimeProvider timeProvider, ILogger<ConversionEngine> logger)
{
    /// <summary>Converts on a pool thread and measures the time taken.</summary>
    /// <exception cref="ConversionFailedException">The input could not be decoded or converted.</exception>
    public async Task<ConversionOutput> ConvertAsync(ConversionWork work, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        try
        {
            await Task.Run(() => Convert(work), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not ConversionFailedException and not OperationCanceledException)
        {
            TempFiles.TryDelete(work.OutputPath);
            Log.ConverterFailed(logger, ex, work.Source, work.Target);
            throw new ConversionFailedException(
                $"The input could not be converted from {work.Source} to {work.Target}: {ex.Message}", ex);
        }
        catch
        {
            TempFiles.TryDelete(work.OutputPath);
            throw;
        }

        var elapsed = timeProvider.GetElapsedTime(started);
        var size = new FileInfo(work.OutputPath).Length;
        return new ConversionOutput(size, (long)Math.Ceiling(elapsed.TotalMilliseconds));
    }

    private static void Convert(ConversionWork work)
    {
        using var output = new FileStream(work.OutputPath, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        if (EmulatorRoutes.IsImage(work.Source))
        {
            ImageConverter.Convert(work.InputPath, work.Source, work.Target, work.Quality, output);
            return;
        }

        using var input = new FileStream(work.InputPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        if (work.Source == "md")
        {
            MarkdownConverter.Convert(input, work.Title, output);
            return;
        }

        DataConverter.Convert(input, work.Source, work.Target, output);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1001, Level = LogLevel.Warning,
            Message = "Converting {Source} to {Target} threw an unexpected error")]
        public static partial void ConverterFailed(ILogger logger, Exception exception, string source, string target);
    }
}
