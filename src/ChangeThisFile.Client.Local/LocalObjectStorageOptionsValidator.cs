using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Local;

/// <summary>Checks <see cref="LocalObjectStorageOptions"/> at start-up, naming the bad value and the fix.</summary>
public sealed class LocalObjectStorageOptionsValidator : IValidateOptions<LocalObjectStorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LocalObjectStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RootPath))
        {
            failures.Add(
                "LocalStorage:RootPath is missing. Set it to the folder for the objects, such as 'data/objects'.");
        }

        if (ParseBaseUrl(options.PublicBaseUrl) is null)
        {
            failures.Add(
                $"LocalStorage:PublicBaseUrl '{options.PublicBaseUrl}' is not an absolute http or https URL without " +
                "query or fragment. Set it to where MapLocalObjectStorage is reachable, " +
                "such as 'https://app.example.com/storage'.");
        }

        if (DecodeKey(options.SigningKey) is null)
        {
            failures.Add(
                "LocalStorage:SigningKey is missing or not base64 of at least " +
                $"{LocalObjectStorageOptions.MinSigningKeyBytes} bytes. " +
                "Generate one with 'openssl rand -base64 32' and keep it in a secret store.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Returns the base URL with one trailing slash, or null when it is unusable.</summary>
    internal static Uri? ParseBaseUrl(string? value)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var url) &&
            (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) &&
            url.Query.Length == 0 && url.Fragment.Length == 0)
        {
            return new Uri(url.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        }

        return null;
    }

    /// <summary>Returns the decoded signing key, or null when it is missing, malformed or too short.</summary>
    internal static byte[]? DecodeKey(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) &&
            written >= LocalObjectStorageOptions.MinSigningKeyBytes
            ? buffer[..written]
            : null;
    }
}
