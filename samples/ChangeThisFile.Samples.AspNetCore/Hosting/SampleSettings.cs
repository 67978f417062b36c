namespace ChangeThisFile.Samples.AspNetCore.Hosting;

/// <summary>The sample's own settings, bound from the <c>Sample</c> configuration section.</summary>
internal sealed class SampleSettings
{
    /// <summary>The configuration section of these settings.</summary>
    public const string SectionName = "Sample";

    /// <summary>The default <see cref="DataDirectory"/>: <c>data</c> under the application's folder.</summary>
    public const string DefaultDataDirectory = "data";

    /// <summary>
    /// The folder of the local storage defaults: the SQLite database, the stored files and the
    /// key that signs local storage URLs. A relative path is resolved against the folder of the
    /// application's assembly.
    /// </summary>
    public string DataDirectory { get; set; } = DefaultDataDirectory;

    /// <summary>
    /// The absolute URL at which browsers and the conversion API reach this application, such as
    /// <c>https://convert.example.com/</c>. The webhook URL and the local storage URLs start with
    /// it. When unset, the first listen URL is used, which only works on this machine.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }
}
