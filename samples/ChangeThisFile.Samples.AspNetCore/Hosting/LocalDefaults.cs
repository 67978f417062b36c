using System.Security.Cryptography;
using ChangeThisFile.Client.Local;

namespace ChangeThisFile.Samples.AspNetCore.Hosting;

/// <summary>
/// Fills the local storage and SQLite settings that configuration leaves empty, so that the
/// sample runs with no settings at all: files under <c>{data}/objects</c>, records in
/// <c>{data}/records.db</c>, storage URLs under the public base URL, and a signing key created
/// once in <c>{data}/local-storage-signing.key</c>. Relative paths in configuration are resolved
/// against the application's folder.
/// </summary>
/// <param name="contentRoot">The application's folder.</param>
/// <param name="dataDirectory">The absolute data folder.</param>
/// <param name="publicBaseUrl">The base URL browsers and the API reach the application at.</param>
internal sealed class LocalDefaults(string contentRoot, string dataDirectory, Uri publicBaseUrl)
{
    /// <summary>The file, in the data folder, that keeps the generated signing key.</summary>
    public const string SigningKeyFileName = "local-storage-signing.key";

    private const int SigningKeyBytes = 32;

    /// <summary>The absolute data folder.</summary>
    public string DataDirectory { get; } = dataDirectory;

    /// <summary>Fills empty local storage settings.</summary>
    public void Apply(LocalObjectStorageOptions options)
    {
        options.RootPath = string.IsNullOrWhiteSpace(options.RootPath)
            ? Path.Combine(DataDirectory, "objects")
            : Path.GetFullPath(options.RootPath, contentRoot);
        if (string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            options.PublicBaseUrl = new Uri(publicBaseUrl, SampleRoutes.Storage.TrimStart('/')).AbsoluteUri;
        }

        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            options.SigningKey = ReadOrCreateSigningKey();
        }
    }

    /// <summary>Fills an empty database path.</summary>
    public void Apply(SqliteConversionRecordStoreOptions options) =>
        options.DatabasePath = string.IsNullOrWhiteSpace(options.DatabasePath)
            ? Path.Combine(DataDirectory, "records.db")
            : Path.GetFullPath(options.DatabasePath, contentRoot);

    /// <summary>
    /// Returns the key kept in the data folder, creating it on first use. The key must outlive a
    /// restart: the API may fetch an input URL signed before the restart.
    /// </summary>
    private string ReadOrCreateSigningKey()
    {
        var path = Path.Combine(DataDirectory, SigningKeyFileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(DataDirectory);
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(SigningKeyBytes));
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(path, options);
            writer.Write(key);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created the key first, so use that one.
            return File.ReadAllText(path).Trim();
        }
    }
}
