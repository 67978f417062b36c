using ChangeThisFile.Emulator.Conversion;

namespace ChangeThisFile.Emulator;

/// <summary>One conversion the emulator performs, from a source format to a target format.</summary>
/// <param name="Source">The canonical source extension, such as <c>png</c>.</param>
/// <param name="Target">The canonical target extension, such as <c>webp</c>.</param>
public readonly record struct EmulatorRoute(string Source, string Target)
{
    /// <summary>
    /// Returns the route as <c>source-&gt;target</c>, the form of
    /// <c>error.details.route</c>.
    /// </summary>
    public override string ToString() => $"{Source}->{Target}";
}

/// <summary>
/// The emulator's route table: csv, tsv, json and yaml between each other, md to html, and
/// png, jpg, webp and bmp between each other. Every other pair gets 422 <c>unsupported_route</c>.
/// </summary>
/// <remarks>
/// Extensions are matched without regard to case, and <c>jpeg</c>, <c>yml</c> and
/// <c>markdown</c> are accepted for <c>jpg</c>, <c>yaml</c> and <c>md</c>.
/// </remarks>
public static class EmulatorRoutes
{
    private static readonly string[] DataFormats = ["csv", "tsv", "json", "yaml"];
    private static readonly string[] ImageFormats = ["png", "jpg", "webp", "bmp"];
    private static readonly HashSet<EmulatorRoute> RouteSet = [.. BuildRoutes()];

    /// <summary>Every supported route, data routes first, then markdown, then images.</summary>
    public static IReadOnlyList<EmulatorRoute> All { get; } = BuildRoutes();

    /// <summary>The formats that appear as a source or target of some route.</summary>
    public static IReadOnlyList<string> Formats { get; } = [.. DataFormats, "md", "html", .. ImageFormats];

    /// <summary>
    /// Whether the emulator converts <paramref name="source"/> to
    /// <paramref name="target"/>.
    /// </summary>
    /// <param name="source">A source extension; aliases and any letter case are accepted.</param>
    /// <param name="target">A target extension; aliases and any letter case are accepted.</param>
    /// <returns><see langword="true"/> when the pair is in the route table.</returns>
    public static bool IsSupported(string source, string target)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        return RouteSet.Contains(new EmulatorRoute(FormatNames.Normalize(source), FormatNames.Normalize(target)));
    }

    internal static bool IsImage(string format) => ImageFormats.Contains(format);

    internal static bool IsData(string format) => DataFormats.Contains(format);

    private static EmulatorRoute[] BuildRoutes() =>
    [
        .. AllPairs(DataFormats),
        new EmulatorRoute("md", "html"),
        .. AllPairs(ImageFormats),
    ];

    private static IEnumerable<EmulatorRoute> AllPairs(string[] formats) =>
        from source in formats
        from target in formats
        where source != target
        select new EmulatorRoute(source, target);
}
