using ChangeThisFile.Client.Storage;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.Flow;

/// <summary>
/// Checks <see cref="ConversionFlowOptions"/> when the host starts; each failure names the setting,
/// its value and the fix.
/// </summary>
public sealed class ConversionFlowOptionsValidator : IValidateOptions<ConversionFlowOptions>
{
    private const int MaxConflictRetriesLimit = 100;

    /// <summary>The output prefix suggested when the input prefix overlaps the default one.</summary>
    private const string AlternativeOutputKeyPrefix = "converted/";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ConversionFlowOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        ValidateWebhookUrl(options.WebhookUrl, failures);
        ValidateTargets(options.AllowedTargets, failures);
        ValidatePrefixes(options.InputKeyPrefix, options.OutputKeyPrefix, failures);
        ValidateExpiry(nameof(options.UploadUrlExpiry), options.UploadUrlExpiry, failures);
        ValidateExpiry(nameof(options.InputUrlExpiry), options.InputUrlExpiry, failures);
        ValidateExpiry(nameof(options.DownloadUrlExpiry), options.DownloadUrlExpiry, failures);
        if (options.MaxUploadSizeBytes <= 0)
        {
            failures.Add(
                $"ConversionFlow:MaxUploadSizeBytes {options.MaxUploadSizeBytes} must be a positive number of bytes, " +
                $"such as {ConversionFlowOptions.DefaultMaxUploadSizeBytes} (25 MiB).");
        }

        if (options.MaxConflictRetries is < 1 or > MaxConflictRetriesLimit)
        {
            failures.Add(
                $"ConversionFlow:MaxConflictRetries {options.MaxConflictRetries} must be between 1 and " +
                $"{MaxConflictRetriesLimit}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateWebhookUrl(Uri? url, List<string> failures)
    {
        if (url is null || !url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add(
                $"ConversionFlow:WebhookUrl '{url}' must be the absolute https URL of the application's webhook " +
                "endpoint, such as https://app.example.com/webhooks/changethisfile.");
            return;
        }

        if (!string.IsNullOrEmpty(url.UserInfo) || !string.IsNullOrEmpty(url.Fragment))
        {
            failures.Add(
                $"ConversionFlow:WebhookUrl '{url.GetLeftPart(UriPartial.Path)}' must not contain user information " +
                "or a fragment; deliveries are authenticated by their signature.");
        }

        if (url.Scheme == Uri.UriSchemeHttp && !url.IsLoopback)
        {
            failures.Add(
                $"ConversionFlow:WebhookUrl '{url.GetLeftPart(UriPartial.Path)}' uses http on a host that is not " +
                "loopback; use https so that results are not announced in clear text.");
        }
    }

    private static void ValidateTargets(IList<string>? targets, List<string> failures)
    {
        if (targets is null || targets.Count == 0)
        {
            failures.Add(
                "ConversionFlow:AllowedTargets is empty. List the target formats users may request, such as " +
                "[\"pdf\", \"webp\"] (configuration keys ConversionFlow:AllowedTargets:0, :1, ...).");
            return;
        }

        foreach (var target in targets)
        {
            if (!FlowFormats.IsValid(FlowFormats.Normalize(target)))
            {
                failures.Add(
                    $"ConversionFlow:AllowedTargets entry '{FlowText.Shorten(target)}' is not a file extension. " +
                    "Use lowercase letters, digits, '.', '-' or '_', such as 'webp' or 'tar.gz'.");
            }
        }
    }

    private static void ValidatePrefixes(string? input, string? output, List<string> failures)
    {
        var inputValid = ValidatePrefix(nameof(ConversionFlowOptions.InputKeyPrefix), input, failures);
        var outputValid = ValidatePrefix(nameof(ConversionFlowOptions.OutputKeyPrefix), output, failures);
        if (!inputValid || !outputValid)
        {
            return;
        }

        if (Overlaps(input!, output!))
        {
            var relation = input == output ? "equals" : "overlaps";
            failures.Add(
                $"ConversionFlow:OutputKeyPrefix '{output}' {relation} InputKeyPrefix '{input}', so a stored result " +
                "would look like a new upload to a storage trigger and start another conversion. Set " +
                $"OutputKeyPrefix to a prefix outside the inputs, such as '{SuggestOutputPrefix(input!)}'.");
        }
    }

    private static bool Overlaps(string input, string output) =>
        input.StartsWith(output, StringComparison.Ordinal) || output.StartsWith(input, StringComparison.Ordinal);

    /// <summary>Returns a standard output prefix that does not overlap <paramref name="input"/>.</summary>
    private static string SuggestOutputPrefix(string input) =>
        Overlaps(input, ConversionFlowOptions.DefaultOutputKeyPrefix)
            ? AlternativeOutputKeyPrefix
            : ConversionFlowOptions.DefaultOutputKeyPrefix;

    private static bool ValidatePrefix(string setting, string? prefix, List<string> failures)
    {
        if (string.IsNullOrEmpty(prefix) || !prefix.EndsWith('/'))
        {
            failures.Add(
                $"ConversionFlow:{setting} '{FlowText.Shorten(prefix)}' must be a folder-like prefix " +
                "ending with '/', such as 'uploads/'.");
            return false;
        }

        // The prefix is checked as part of a key so that every key built from it is valid too.
        if (!ObjectKey.TryValidate(prefix + "x", out var error))
        {
            failures.Add($"ConversionFlow:{setting} '{FlowText.Shorten(prefix)}' is not a valid key prefix: {error}");
            return false;
        }

        return true;
    }

    private static void ValidateExpiry(string setting, TimeSpan value, List<string> failures)
    {
        if (value < TimeSpan.FromSeconds(1) || value > PresignedUploadOptions.MaxExpiresIn)
        {
            failures.Add(
                $"ConversionFlow:{setting} {value} must be between 00:00:01 and " +
                $"{PresignedUploadOptions.MaxExpiresIn.TotalDays} days, the longest any storage signs.");
        }
    }
}
