using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Aws;

/// <summary>Checks <see cref="S3ObjectStorageOptions"/> at start-up, naming the bad value and the fix.</summary>
public sealed class S3ObjectStorageOptionsValidator : IValidateOptions<S3ObjectStorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, S3ObjectStorageOptions options) =>
        Validate(options, clientProvided: false);

    /// <summary>Checks the options; the endpoint, region and credentials only when no client is provided.</summary>
    internal static ValidateOptionsResult Validate(S3ObjectStorageOptions options, bool clientProvided)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!IsBucketName(options.BucketName))
        {
            failures.Add(
                $"S3Storage:BucketName '{options.BucketName}' is not a valid bucket name. Use 3 to 63 lowercase " +
                "letters, digits, dots or hyphens, starting and ending with a letter or digit.");
        }

        if (options.PartSizeBytes < S3ObjectStorageOptions.MinPartSizeBytes)
        {
            failures.Add(
                $"S3Storage:PartSizeBytes {options.PartSizeBytes} is below the S3 minimum of " +
                $"{S3ObjectStorageOptions.MinPartSizeBytes} bytes (5 MiB). Use at least that.");
        }

        if (!clientProvided)
        {
            AddClientFailures(options, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AddClientFailures(S3ObjectStorageOptions options, List<string> failures)
    {
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl) && !IsHttpUrl(options.ServiceUrl))
        {
            failures.Add(
                $"S3Storage:ServiceUrl '{options.ServiceUrl}' is not an absolute http or https URL. " +
                "Use an endpoint such as 'https://ACCOUNT_ID.r2.cloudflarestorage.com', or leave it unset for AWS.");
        }

        if (options.Provider == S3Provider.R2 && string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            failures.Add(
                "S3Storage:ServiceUrl is missing for Provider 'R2'. " +
                "Set it to 'https://ACCOUNT_ID.r2.cloudflarestorage.com'.");
        }

        if (options.Provider == S3Provider.Aws && string.IsNullOrWhiteSpace(options.ServiceUrl) &&
            string.IsNullOrWhiteSpace(options.Region))
        {
            failures.Add("S3Storage:Region is missing. Set it to the bucket's region, such as 'eu-west-1'.");
        }

        if (string.IsNullOrEmpty(options.AccessKeyId) != string.IsNullOrEmpty(options.SecretAccessKey))
        {
            failures.Add(
                "S3Storage:AccessKeyId and S3Storage:SecretAccessKey must be set together. Set both, or neither " +
                "to use the default credential chain.");
        }
    }

    /// <summary>
    /// Skips the client settings when the application registered its own <see cref="Amazon.S3.IAmazonS3"/>.
    /// </summary>
    internal sealed class Registered(IServiceProvider services) : IValidateOptions<S3ObjectStorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, S3ObjectStorageOptions options) =>
            S3ObjectStorageOptionsValidator.Validate(
                options, clientProvided: services.GetService(typeof(Amazon.S3.IAmazonS3)) is not null);
    }

    internal static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) &&
        (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static bool IsBucketName(string? name) =>
        name is { Length: >= 3 and <= 63 } &&
        char.IsAsciiLetterLower(name[0]) | char.IsAsciiDigit(name[0]) &&
        char.IsAsciiLetterLower(name[^1]) | char.IsAsciiDigit(name[^1]) &&
        name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '-');
}
