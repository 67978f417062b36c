using ChangeThisFile.Client.Diagnostics;
using ChangeThisFile.Client.Http;
using Microsoft.Extensions.Options;

namespace ChangeThisFile.Client.DependencyInjection;

/// <summary>
/// Validates <see cref="ConversionClientOptions"/> when the host starts. Each failure names the
/// property, its value and the fix, in words that are true whether the options were set in code or
/// bound from a configuration section. The API key itself never appears in a message.
/// </summary>
internal sealed class ConversionClientOptionsValidator : IValidateOptions<ConversionClientOptions>
{
    /// <summary>The largest finite AttemptTimeout: 1 hour.</summary>
    internal static readonly TimeSpan MaxAttemptTimeout = TimeSpan.FromHours(1);

    /// <summary>
    /// The largest finite TotalTimeout, UploadTimeout and DownloadTimeout: 12 hours. It is below one
    /// day so that a bare number in configuration, which the binder reads as days, is rejected.
    /// </summary>
    internal static readonly TimeSpan MaxTransferTimeout = TimeSpan.FromHours(12);

    /// <summary>The largest RetryBaseDelay, MaxRetryDelay and MaxRetryAfter: 1 hour.</summary>
    internal static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(1);

    private const string OptionsType = nameof(ConversionClientOptions);

    private const string DurationHint =
        "Write durations as hh:mm:ss (00:00:30 is 30 seconds); a bare number such as 30 is read as days.";

    public ValidateOptionsResult Validate(string? name, ConversionClientOptions options)
    {
        var failures = new List<string>();
        ValidateApiKey(options.ApiKey, failures);
        ValidateBaseAddress(options.BaseAddress, failures);
        ValidateTimeouts(options, failures);
        ValidateRetries(options, failures);
        ValidateUserAgentSuffix(options.UserAgentSuffix, failures);
        ValidateTrustedHosts(options.TrustedDownloadHosts, failures);
        if (failures.Count == 0)
        {
            return ValidateOptionsResult.Success;
        }

        var client = string.IsNullOrEmpty(name) ? "The ChangeThisFile client" : $"The ChangeThisFile client '{name}'";
        return ValidateOptionsResult.Fail(failures.Select(failure => $"{client}: {failure}"));
    }

    private static void ValidateApiKey(string? apiKey, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            failures.Add(
                $"{OptionsType}.ApiKey is missing. Set it in code, as the ApiKey setting of the configuration " +
                $"section you bound, or in the {ConversionClientOptions.ApiKeyEnvironmentVariable} " +
                "environment variable.");
        }
        else if (apiKey.StartsWith("whsec_", StringComparison.Ordinal))
        {
            failures.Add(
                $"{OptionsType}.ApiKey is {SecretShape.Describe(apiKey)}, which marks a webhook signing secret. " +
                "Set the API key (ctf_sk_...) there, and put the secret in WebhookVerificationOptions.Secrets.");
        }
        else if (apiKey.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c > '\u007E'))
        {
            failures.Add(
                $"{OptionsType}.ApiKey is {SecretShape.Describe(apiKey)} and contains spaces, line breaks or " +
                "non-ASCII characters; copy the key again without them.");
        }
    }

    private static void ValidateBaseAddress(Uri? baseAddress, List<string> failures)
    {
        var example = ConversionClientOptions.DefaultBaseAddress;
        if (baseAddress is null)
        {
            failures.Add($"{OptionsType}.BaseAddress is not set; set the API origin, such as {example}.");
            return;
        }

        var redacted = UrlRedaction.Redact(baseAddress);
        if (!baseAddress.IsAbsoluteUri)
        {
            failures.Add(
                $"{OptionsType}.BaseAddress '{redacted}' is a relative URL; set an absolute URL with its scheme, " +
                $"such as {example}.");
            return;
        }

        if (baseAddress.Scheme != Uri.UriSchemeHttps && baseAddress.Scheme != Uri.UriSchemeHttp)
        {
            failures.Add(
                $"{OptionsType}.BaseAddress '{redacted}' uses the scheme '{baseAddress.Scheme}'; set an https URL, " +
                $"such as {example} (http is accepted only for loopback hosts).");
            return;
        }

        ValidateBaseAddressParts(baseAddress, redacted, failures);
        if (baseAddress.Scheme == Uri.UriSchemeHttp && !baseAddress.IsLoopback)
        {
            failures.Add(
                $"{OptionsType}.BaseAddress '{baseAddress.GetLeftPart(UriPartial.Authority)}' uses http, which would " +
                "send the API key unencrypted; use https (http is accepted only for loopback hosts such as " +
                "a local emulator at http://127.0.0.1:5080/).");
        }
    }

    private static void ValidateBaseAddressParts(Uri baseAddress, string redacted, List<string> failures)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(baseAddress.Query))
        {
            parts.Add("a query string");
        }

        if (!string.IsNullOrEmpty(baseAddress.Fragment))
        {
            parts.Add("a fragment");
        }

        if (!string.IsNullOrEmpty(baseAddress.UserInfo))
        {
            parts.Add("user information");
        }

        if (parts.Count > 0)
        {
            failures.Add(
                $"{OptionsType}.BaseAddress '{redacted}' contains {string.Join(" and ", parts)}; remove it and keep " +
                "only the scheme, host, port and an optional path prefix, such as https://api.example.com/ctf/.");
        }
    }

    private static void ValidateTimeouts(ConversionClientOptions options, List<string> failures)
    {
        var valid = ValidateTimeout(nameof(options.AttemptTimeout), options.AttemptTimeout, MaxAttemptTimeout, failures)
            & ValidateTimeout(nameof(options.TotalTimeout), options.TotalTimeout, MaxTransferTimeout, failures);
        ValidateTimeout(nameof(options.UploadTimeout), options.UploadTimeout, MaxTransferTimeout, failures);
        ValidateTimeout(nameof(options.DownloadTimeout), options.DownloadTimeout, MaxTransferTimeout, failures);
        if (valid
            && options.TotalTimeout != Timeout.InfiniteTimeSpan
            && (options.AttemptTimeout == Timeout.InfiniteTimeSpan || options.AttemptTimeout > options.TotalTimeout))
        {
            failures.Add(
                $"{OptionsType}.AttemptTimeout {Show(options.AttemptTimeout)} exceeds {OptionsType}.TotalTimeout " +
                $"{Show(options.TotalTimeout)}; lower AttemptTimeout or raise TotalTimeout so that at least " +
                "one attempt fits.");
        }
    }

    private static bool ValidateTimeout(string name, TimeSpan value, TimeSpan max, List<string> failures)
    {
        if (value == Timeout.InfiniteTimeSpan || (value > TimeSpan.Zero && value <= max))
        {
            return true;
        }

        failures.Add(value > max
            ? $"{OptionsType}.{name} is {value}, above the maximum {max}. {DurationHint} " +
                "Use -00:00:00.001 (Timeout.InfiniteTimeSpan) to turn the limit off."
            : $"{OptionsType}.{name} is {value}; set a positive duration of at most {max}, " +
                "or -00:00:00.001 (Timeout.InfiniteTimeSpan) to turn the limit off.");
        return false;
    }

    private static void ValidateRetries(ConversionClientOptions options, List<string> failures)
    {
        if (options.MaxRetryAttempts is < 0 or > ConversionClientOptions.MaxAllowedRetryAttempts)
        {
            failures.Add(
                $"{OptionsType}.MaxRetryAttempts is {options.MaxRetryAttempts}; set a whole number from 0 to " +
                $"{ConversionClientOptions.MaxAllowedRetryAttempts} (0 turns the built-in retry off).");
        }

        var baseValid = ValidateDelay(nameof(options.RetryBaseDelay), options.RetryBaseDelay, failures);
        if (ValidateDelay(nameof(options.MaxRetryDelay), options.MaxRetryDelay, failures)
            && baseValid && options.MaxRetryDelay < options.RetryBaseDelay)
        {
            failures.Add(
                $"{OptionsType}.MaxRetryDelay {options.MaxRetryDelay} is shorter than {OptionsType}.RetryBaseDelay " +
                $"{options.RetryBaseDelay}; raise MaxRetryDelay or lower RetryBaseDelay.");
        }

        ValidateDelay(nameof(options.MaxRetryAfter), options.MaxRetryAfter, failures);
    }

    private static bool ValidateDelay(string name, TimeSpan value, List<string> failures)
    {
        if (value >= TimeSpan.Zero && value <= MaxRetryDelay)
        {
            return true;
        }

        failures.Add(value > MaxRetryDelay
            ? $"{OptionsType}.{name} is {value}, above the maximum {MaxRetryDelay}. {DurationHint}"
            : $"{OptionsType}.{name} is {value}; set zero or a positive duration of at most {MaxRetryDelay}.");
        return false;
    }

    private static void ValidateUserAgentSuffix(string? suffix, List<string> failures)
    {
        if (suffix is null)
        {
            return;
        }

        using var probe = new HttpRequestMessage();
        if (suffix.Any(c => char.IsControl(c) || c > '\u007E') || !probe.Headers.UserAgent.TryParseAdd(suffix))
        {
            var printable = new string(suffix.Where(c => !char.IsControl(c)).ToArray());
            failures.Add(
                $"{OptionsType}.UserAgentSuffix '{printable}' is not a valid User-Agent product list; " +
                "use ASCII tokens such as 'MyApp/1.2'.");
        }
    }

    private static void ValidateTrustedHosts(IList<string>? hosts, List<string> failures)
    {
        foreach (var entry in hosts ?? [])
        {
            if (!TrustedHosts.TryParse(entry, out _, out _))
            {
                failures.Add(
                    $"{OptionsType}.TrustedDownloadHosts entry '{entry}' must be a host name or host:port, without " +
                    "scheme or path, such as files.example.com or 127.0.0.1:9000.");
            }
        }
    }

    private static string Show(TimeSpan value) => value == Timeout.InfiniteTimeSpan ? "infinite" : value.ToString();
}
