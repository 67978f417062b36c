namespace ChangeThisFile.Samples.AspNetCore.Tests.Infrastructure;

/// <summary>The sample's input files, copied next to the tests, and the folder for test artefacts.</summary>
internal static class TestFiles
{
    /// <summary>The sample's five-row CSV.</summary>
    public static string PeopleCsv => Input("people.csv");

    /// <summary>The sample's Markdown page.</summary>
    public static string GuideMarkdown => Input("guide.md");

    /// <summary>The sample's 96 by 64 pixel PNG.</summary>
    public static string PalettePng => Input("palette.png");

    /// <summary>
    /// The folder for screenshots: <c>artifacts/test-results/screenshots</c> in the repository,
    /// where the test script collects results, or under the test output when no repository is found.
    /// </summary>
    public static string ScreenshotsFolder()
    {
        var root = RepositoryRoot();
        var folder = root is null
            ? Path.Combine(AppContext.BaseDirectory, "test-results", "screenshots")
            : Path.Combine(root, "artifacts", "test-results", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Input(string name) => Path.Combine(AppContext.BaseDirectory, "inputs", name);

    private static string? RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChangeThisFile.Client.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
