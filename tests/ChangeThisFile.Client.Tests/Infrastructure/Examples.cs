namespace ChangeThisFile.Client.Tests.Infrastructure;

/// <summary>The API example payloads copied into the test output.</summary>
public static class Examples
{
    public static string Read(string fileName) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Examples", fileName));

    public static IEnumerable<string> All() =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Examples"), "*.json")
            .Select(Path.GetFileName)!;
}
