namespace ChangeThisFile.Samples.AspNetCore.Hosting;

/// <summary>How <see cref="SampleHost"/> builds the application.</summary>
internal sealed class SampleHostOptions
{
    /// <summary>
    /// Configuration arguments in the usual ASP.NET Core forms, such as <c>--urls=http://127.0.0.1:0</c>
    /// or <c>--Storage:Provider=Aws</c>. They take precedence over <c>appsettings.json</c> and
    /// environment variables.
    /// </summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>
    /// Whether to log only warnings and errors, to standard error, and keep standard output for
    /// the caller, as the convert command does.
    /// </summary>
    public bool Quiet { get; init; }

    /// <summary>The folder with <c>appsettings.json</c>, by default the folder of the sample's assembly.</summary>
    public string ContentRootPath { get; init; } = AppContext.BaseDirectory;

    /// <summary>Changes the builder last, before the application is built. Tests use it to add services.</summary>
    public Action<WebApplicationBuilder>? ConfigureBuilder { get; init; }
}
